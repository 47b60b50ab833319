import { addProduct, cart, sync } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

/**
 * Devices reconnect to a restarted server with backoff and jitter (failed attempts while it was
 * down make the wait longer): a limit for that, not a speed check.
 */
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
  // Each edit reaches the other device by its own reconnection: the other one does nothing.
  await addProduct(phone, 'Cold brew');
  await expect(cart(laptop).getByLabel('Quantity of Cold brew')).toHaveValue('1', RECONNECTED);
  await addProduct(laptop, 'Flat white');
  await expect(cart(phone).getByLabel('Quantity of Flat white')).toHaveValue('1', RECONNECTED);
  for (const page of [laptop, phone]) {
    await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');
    await expect(cart(page).getByLabel('Quantity of Cold brew')).toHaveValue('1');
    await expect(sync(page).getByTestId('pending-count')).toHaveText('0');
    await expect(sync(page).getByTestId('sync-state')).toHaveText('Online');
  }
  await devices.capture('after the restart');
});
