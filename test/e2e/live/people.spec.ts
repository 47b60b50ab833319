import type { Page } from '@playwright/test';
import { addProduct, cart, eventCount } from '../shopPage';
import { expect, LIVE, test } from './liveTest';

const shopSwitcher = (page: Page) => page.getByTestId('shop-switcher');

/** The streams in the person's event log, one per row, as the log browser lists them. */
async function streamsInLog(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Event log' }).click();
  const rows = page.getByRole('dialog', { name: 'Event log' }).getByTestId('log-row');
  await expect(rows).toHaveCount(3);
  return rows.evaluateAll((cells) => cells.map((row) => row.children[2]?.textContent ?? ''));
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

  // Each store holds its person's own shop and the shared one: three events, none of the other's.
  for (const page of [ada, ben]) await expect(eventCount(page)).toHaveText('3 events stored');
  const adasStreams = await streamsInLog(ada);
  const bensStreams = await streamsInLog(ben);
  await devices.capture('the event logs');
  expect(adasStreams.filter((stream) => stream.startsWith('shop-ada/'))).toHaveLength(1);
  expect(adasStreams.some((stream) => stream.startsWith('shop-ben/'))).toBe(false);
  expect(bensStreams.filter((stream) => stream.startsWith('shop-ben/'))).toHaveLength(1);
  expect(bensStreams.some((stream) => stream.startsWith('shop-ada/'))).toBe(false);
  for (const streams of [adasStreams, bensStreams]) {
    expect(streams.filter((stream) => stream.startsWith('shop-shared/'))).toHaveLength(2);
  }
});
