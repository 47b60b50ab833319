import { expect, type Page, test } from '@playwright/test';
import { addProduct, cart, eventCount, openDevice, orders, signInIfAsked } from './shopPage';

const openLog = async (page: Page) => {
  await page.getByRole('button', { name: 'Event log' }).click();
  return page.getByRole('dialog', { name: 'Event log' });
};

test('time travel through a cart, then browse, filter and page the whole log', async ({ page }) => {
  await openDevice(page);
  await addProduct(page, 'Flat white');
  await addProduct(page, 'Espresso');
  await addProduct(page, 'Flat white');

  await cart(page).getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'Cart history' });
  const state = history.getByTestId('state-at-step');
  await expect(history.getByText('Step 3 of 3')).toBeVisible();
  await expect(state).toContainText('2 × Flat white');
  await expect(state).toContainText(/Total\s*€9\.20/);
  await history.getByRole('button', { name: 'Show the state after step 1' }).click();
  await expect(history.getByText('Step 1 of 3')).toBeVisible();
  await expect(state).toContainText('1 × Flat white');
  await expect(state).not.toContainText('Espresso');
  await history.getByRole('slider').fill('2');
  await expect(state).toContainText('1 × Espresso');
  await expect(state).toContainText('1 × Flat white');
  await expect(state).toContainText('open');
  // Each step shows the cart it left; its raw event waits behind a toggle.
  const firstStep = history.getByTestId('history-entry').first();
  await expect(firstStep.getByText('"type": "ItemAdded"')).toBeHidden();
  await firstStep.getByText('Raw event').click();
  await expect(firstStep.getByText('"type": "ItemAdded"')).toBeVisible();
  await history.getByRole('button', { name: 'Back to now' }).click();
  await expect(history.getByText('Step 3 of 3')).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).click();

  // 20 more events, then a checkout: 26 in all with the device's name, two pages of 20.
  for (let i = 0; i < 20; i++) await addProduct(page, i % 2 ? 'Espresso' : 'Cold brew');
  await cart(page).getByRole('button', { name: 'Check out' }).click();
  await expect(eventCount(page)).toHaveText('26 events stored');

  const log = await openLog(page);
  const rows = log.getByTestId('log-row');
  await expect(rows).toHaveCount(20);
  await log.getByRole('button', { name: 'Next' }).click();
  await expect(log.getByTestId('log-page')).toHaveText('Page 2');
  await expect(rows).toHaveCount(6);
  await expect(rows.last()).toContainText('OrderPlaced');
  await expect(log.getByRole('button', { name: 'Next' })).toBeDisabled();
  await log.getByRole('button', { name: 'Previous' }).click();
  await expect(rows.first()).toContainText('DeviceNamed');
  await expect(rows.nth(1)).toContainText('ItemAdded');

  await log.getByLabel('Event type').selectOption('OrderPlaced');
  await expect(log.getByTestId('log-page')).toHaveText('Page 1');
  await expect(rows).toHaveCount(1);
  const orderStream = (await rows.first().locator('td').nth(2).textContent())?.split(' ')[0];
  await log.getByLabel('Event type').selectOption('');
  await log.getByLabel('Stream starts with').fill(orderStream ?? '');
  await expect(rows).toHaveCount(1);
  await log.getByLabel('Stream starts with').fill('cart-');
  await expect(rows).toHaveCount(20);
  await expect(rows.filter({ hasText: 'DeviceNamed' })).toHaveCount(0);
  await log.getByLabel('Stream starts with').fill('');
  const device = log.getByRole('combobox', { name: 'Device', exact: true });
  await device.selectOption({ label: 'this device (this-device)' });
  await expect(rows).toHaveCount(20);
  await device.selectOption('');
  await log.getByLabel('From', { exact: true }).fill('2000-01-01T00:00');
  await log.getByLabel('To', { exact: true }).fill('2000-12-31T23:59');
  await expect(log.getByText('No events match.')).toBeVisible();
  await log.getByLabel('To', { exact: true }).fill('');
  await expect(rows).toHaveCount(20);
});

test('the log exports as NDJSON and imports into an empty store; a corrupt file changes nothing', async ({
  page,
  browser,
}, testInfo) => {
  await openDevice(page);
  await addProduct(page, 'Oat cortado');
  await cart(page).getByRole('button', { name: 'Check out' }).click();
  await orders(page).getByRole('button', { name: 'Pay' }).click();
  await expect(eventCount(page)).toHaveText('5 events stored');

  const log = await openLog(page);
  const downloading = page.waitForEvent('download');
  await log.getByRole('button', { name: 'Export NDJSON' }).click();
  const file = testInfo.outputPath('export.ndjson');
  await (await downloading).saveAs(file);
  const { readFile } = await import('node:fs/promises');
  const ndjson = await readFile(file, 'utf8');
  expect(ndjson.trim().split('\n')).toHaveLength(5);

  // A browser profile of its own: a device with an empty store.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(new URL('/', page.url()).href);
  await signInIfAsked(other);
  await expect(other.getByTestId('worker-status')).toHaveText('Worker ready');
  const otherLog = await openLog(other);
  const input = otherLog.locator('input[type="file"]');
  const [firstLine] = ndjson.split('\n');
  await input.setInputFiles({
    name: 'corrupt.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${firstLine}\n{"not": "an event"}\n`),
  });
  await expect(otherLog.getByRole('alert')).toContainText('Line 2');
  await expect(eventCount(other)).toHaveText('0 events stored');

  await input.setInputFiles(file);
  await expect(otherLog.getByRole('status')).toHaveText('Imported 5 events.');
  await otherLog.getByRole('button', { name: 'Close' }).click();
  await expect(eventCount(other)).toHaveText('5 events stored');
  await expect(orders(other).getByTestId('order-status')).toHaveText('paid');

  // Replaying a projection from the imported log gives the same orders.
  const projection = other.getByTestId('projection-orders');
  await projection.getByRole('button', { name: 'Rebuild' }).click();
  await expect(projection.getByText('ready')).toBeVisible();
  await expect(orders(other).getByTestId('order-status')).toHaveText('paid');
  await fresh.close();
});
