import { addProduct, cart, sync } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

/** A restarted server is back once its devices' live streams reconnect (with backoff): a limit. */
const RECONNECTED = { timeout: 20_000 };

test('devices connected while the server restarts reconnect and converge', async ({
  server,
  devices,
}) => {
  const laptop = await devices.open('laptop', 'Ada');
  const phone = await devices.open('phone', 'Ada');
  await addProduct(laptop, 'Espresso');
  await expect(cart(phone).getByLabel('Quantity of Espresso')).toHaveValue('1', LIVE);
  await devices.capture('before the restart');

  await server.restart();
  await addProduct(phone, 'Cold brew');
  await addProduct(laptop, 'Flat white');
  for (const page of [laptop, phone]) {
    await expect(cart(page).getByLabel('Quantity of Cold brew')).toHaveValue('1', RECONNECTED);
    await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('1', RECONNECTED);
    await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');
    await expect(sync(page).getByTestId('pending-count')).toHaveText('0');
    await expect(sync(page).getByTestId('sync-state')).toHaveText('Online');
  }
  await devices.capture('after the restart');

  // Both live streams are back: the next edit arrives live again.
  await addProduct(phone, 'Espresso');
  await expect(cart(laptop).getByLabel('Quantity of Espresso')).toHaveValue('2', LIVE);
});
