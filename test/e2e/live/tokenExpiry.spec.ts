import type { Page, Request } from '@playwright/test';
import { SERVER_PATHS, SYNC_PATHS } from '../../../src/core/syncProtocol';
import { devToken } from '../../serverProcess';
import { addProduct, cart, sync } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

/** How long the devices' tokens last (`?tokenSeconds=`). */
const LIFETIME_SECONDS = 3;

/** The page's requests for a development token from now on. */
function tokenRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === SERVER_PATHS.devToken) requests.push(request);
  });
  return requests;
}

test('a device whose token expires asks for a new one and goes on syncing', async ({
  server,
  devices,
}) => {
  const search = { tokenSeconds: String(LIFETIME_SECONDS) };
  const laptop = await devices.open('laptop', 'Ada', search);
  const phone = await devices.open('phone', 'Ada', search);
  const asked = [tokenRequests(laptop), tokenRequests(phone)];

  // A token asked for after the devices' first ones, lasting as long: once the server refuses
  // it, theirs have expired too.
  const probe = await devToken(server.url, 'ada', ['shop-ada'], LIFETIME_SECONDS);
  const pullWithProbe = async () =>
    (
      await fetch(`${server.url}${SYNC_PATHS.pull}?scope=shop-ada&after=0&limit=1`, {
        headers: { authorization: `Bearer ${probe}` },
      })
    ).status;
  expect(await pullWithProbe()).toBe(200);
  await expect.poll(pullWithProbe, { timeout: 10_000 }).toBe(401);
  await devices.capture('the first tokens expired');

  await addProduct(laptop, 'Espresso');
  await expect(cart(phone).getByLabel('Quantity of Espresso')).toHaveValue('1', LIVE);
  await addProduct(phone, 'Cold brew');
  await expect(cart(laptop).getByLabel('Quantity of Cold brew')).toHaveValue('1', LIVE);
  for (const [index, page] of [laptop, phone].entries()) {
    expect(asked[index]?.length).toBeGreaterThan(0);
    await expect(sync(page).getByTestId('sync-state')).toHaveText('Online');
    await expect(sync(page).getByTestId('pending-count')).toHaveText('0');
  }
  await devices.capture('synced with new tokens');
});
