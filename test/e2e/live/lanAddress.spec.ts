import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../chromium';
import { addProduct, openDevice, sync } from '../shopPage';
import { expect, test } from './liveTest';

/**
 * A phone opens the app at the laptop's address on the network (`http://192.168.x.x:8787`): plain
 * HTTP on an address other than localhost, so not a secure context, where browsers give no
 * `crypto.randomUUID`, Web Locks or service worker. A name the browser resolves to loopback stands
 * in for that address.
 */
const LAN_HOST = 'laptop.lan.test';

test('a device on the network, over plain HTTP (not a secure context), opens the app and syncs live', async ({
  server,
}) => {
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`],
  });
  try {
    const { port } = new URL(server.url);
    const context = await browser.newContext({ baseURL: `http://${LAN_HOST}:${port}` });
    const phone = await context.newPage();
    await openDevice(phone, 'phone', 'Ada');
    expect(await phone.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(sync(phone).getByTestId('sync-state')).toHaveText('Online', { timeout: 15_000 });
    await addProduct(phone, 'Flat white');
    await expect(sync(phone).getByTestId('pending-count')).toHaveText('0', { timeout: 15_000 });
  } finally {
    await browser.close();
  }
});
