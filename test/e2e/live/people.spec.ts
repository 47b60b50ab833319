import type { Page } from '@playwright/test';
import { addProduct, cart } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

const shopSwitcher = (page: Page) => page.getByTestId('shop-switcher');

/**
 * Opens `page`'s event log and checks it by stream prefix: `counts` maps a prefix to how many of
 * its events the log holds (0: "No events match.").
 */
async function expectLogOf(page: Page, counts: Record<string, number>) {
  await page.getByRole('button', { name: 'Event log' }).click();
  const log = page.getByRole('dialog', { name: 'Event log' });
  for (const [prefix, count] of Object.entries(counts)) {
    await log.getByLabel('Stream').fill(prefix);
    if (count === 0) await expect(log.getByText('No events match.')).toBeVisible();
    else await expect(log.getByTestId('log-row')).toHaveCount(count);
  }
}

test('two people never see each other’s shop, and the shop they share syncs between them', async ({
  devices,
}) => {
  const ada = await devices.open('adas-laptop', 'Ada');
  const ben = await devices.open('bens-phone', 'Ben');
  await expect(shopSwitcher(ada).locator('option')).toHaveText(['Ada’s shop', 'Shared shop']);
  await expect(shopSwitcher(ben).locator('option')).toHaveText(['Ben’s shop', 'Shared shop']);

  await addProduct(ada, 'Espresso');
  await addProduct(ben, 'Cold brew');
  await devices.capture('each in their own shop');

  await shopSwitcher(ada).selectOption('shop-shared');
  await shopSwitcher(ben).selectOption('shop-shared');
  await expect(cart(ben).getByText('Your cart is empty')).toBeVisible();
  await addProduct(ada, 'Flat white');
  await expect(cart(ben).getByLabel('Quantity of Flat white')).toHaveValue('1', LIVE);
  await addProduct(ben, 'Flat white');
  await expect(cart(ada).getByLabel('Quantity of Flat white')).toHaveValue('2', LIVE);
  await devices.capture('the shared shop, synced');

  // Each store holds its person's own shop and the shared one, no event of the other's shop.
  await expectLogOf(ada, { 'shop-ada/cart-': 1, 'shop-shared/cart-': 2, 'shop-ben/': 0 });
  await expectLogOf(ben, { 'shop-ben/cart-': 1, 'shop-shared/cart-': 2, 'shop-ada/': 0 });
  await devices.capture('the event logs');
});
