import { addProduct, cart, sync } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

/** A device back online syncs what waited once its retry comes (backoff): a limit, not a speed check. */
const BACK_ONLINE = { timeout: 20_000 };

test('an edit on one device appears live on the other; a conflicting offline edit is undone in words', async ({
  devices,
}) => {
  const laptop = await devices.open('laptop', 'Ada');
  const phone = await devices.open('phone', 'Ada');

  // Live: no click on the phone, and well within the poll.
  await addProduct(laptop, 'Flat white');
  await expect(cart(phone).getByLabel('Quantity of Flat white')).toHaveValue('1', LIVE);
  await devices.capture('an edit on the laptop, live on the phone');

  // The phone, offline, changes the quantity; the laptop checks the cart out meanwhile.
  await phone.context().setOffline(true);
  await cart(phone).getByLabel('Quantity of Flat white').fill('3');
  await cart(phone).getByRole('button', { name: 'Update' }).click();
  await expect(cart(phone).getByLabel('Quantity of Flat white')).toHaveValue('3');
  await expect(sync(phone).getByTestId('pending-count')).not.toHaveText('0');
  await expect(sync(phone).getByTestId('sync-state')).toHaveText('Offline', BACK_ONLINE);
  await cart(laptop).getByRole('button', { name: 'Check out' }).click();
  await expect(laptop.getByTestId('order-status')).toHaveText('placed');
  await devices.capture('the phone offline, the laptop checked out');

  await phone.context().setOffline(false);
  const rejection = phone.getByTestId('rejection');
  await expect(rejection).toHaveCount(1, BACK_ONLINE);
  await expect(rejection).toContainText(
    /Undone: changing Flat white to 3 in the cart with Flat white \(order #\w{6}\)\./,
  );
  await expect(rejection).toContainText('Cart is already checked out.');
  await expect(rejection).toContainText(/Made on phone at \d{1,2}:\d{2}/);
  await expect(rejection).toContainText('laptop changed it first.');
  await expect(sync(phone).getByTestId('pending-count')).toHaveText('0');
  await expect(phone.getByTestId('order-status')).toHaveText('placed');
  await expect(laptop.getByTestId('rejection')).toHaveCount(0);
  await devices.capture('the phone says what was undone');

  await phone.getByRole('button', { name: /^Dismiss: changing Flat white to 3/ }).click();
  await expect(rejection).toHaveCount(0);
});
