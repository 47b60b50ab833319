import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { cart, openDevice, signInIfAsked, sync } from './shopPage';

async function openTabs(context: BrowserContext, count: number, device: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    await openDevice(page, device);
    pages.push(page);
  }
  return pages;
}

async function leaders(pages: Page[]): Promise<Page[]> {
  const roles = await Promise.all(
    pages.map((page) => sync(page).getByTestId('sync-leader').textContent()),
  );
  return pages.filter((_, i) => roles[i]?.startsWith('This tab'));
}

test('a command in one tab shows up live in three others', async ({ context }) => {
  const [first, ...others] = await openTabs(context, 4, 'tabs-live');
  await (first as Page).getByRole('button', { name: 'Add Espresso' }).click();
  for (const page of others) {
    await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');
  }
});

test('four tabs adding to one cart at once: the same cart everywhere, no gap, no duplicate', async ({
  context,
}) => {
  const tabs = await openTabs(context, 4, 'tabs-race');
  await (tabs[0] as Page).getByRole('button', { name: 'Add Flat white' }).click();
  for (const page of tabs)
    await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('1');

  for (let round = 0; round < 3; round++) {
    await Promise.all(
      tabs.map((page) => page.getByRole('button', { name: 'Add Flat white' }).click()),
    );
  }
  for (const page of tabs)
    await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('13');

  const last = tabs[3] as Page;
  await cart(last).getByRole('button', { name: 'History' }).click();
  const versions = await last
    .getByRole('dialog')
    .locator('.badge', { hasText: /^v\d+$/ })
    .allTextContents();
  expect(versions).toEqual(Array.from({ length: 13 }, (_, i) => `v${i + 1}`));
});

test('one tab syncs; when it closes another takes over, and no sync is lost or done twice', async ({
  context,
}) => {
  const tabs = await openTabs(context, 3, 'tabs-leader');
  await expect.poll(async () => (await leaders(tabs)).length).toBe(1);
  const [leader] = await leaders(tabs);
  const followers = tabs.filter((page) => page !== leader);

  await (followers[0] as Page).getByRole('button', { name: 'Add Cold brew' }).click();
  await (leader as Page).close();
  await expect.poll(async () => (await leaders(followers)).length, { timeout: 10_000 }).toBe(1);
  for (const page of followers)
    await expect(sync(page).getByTestId('pending-count')).toHaveText('0');

  const [otherDevice] = await openTabs(context, 1, 'tabs-leader-elsewhere');
  await sync(otherDevice as Page)
    .getByRole('button', { name: 'Sync now' })
    .click();
  await expect(cart(otherDevice as Page).getByLabel('Quantity of Cold brew')).toHaveValue('1');
});

test('several tabs go offline and back together; a tab opened mid-sync catches up', async ({
  context,
}) => {
  const [a, b] = (await openTabs(context, 2, 'tabs-offline')) as [Page, Page];
  await sync(a).getByLabel('Take this device offline').check();
  await b.getByRole('button', { name: 'Add Oat cortado' }).click();
  for (const page of [a, b]) {
    // The add, and the device's name, recorded before its first command in the shop.
    await expect(sync(page).getByTestId('pending-count')).toHaveText('2');
    await expect(sync(page).getByTestId('sync-state')).toHaveText('Offline');
  }

  await sync(a).getByLabel('Latency').selectOption('1500');
  await sync(a).getByLabel('Take this device offline').uncheck();
  const syncing = sync(b).getByRole('button', { name: 'Sync now' }).click();
  const [late] = await openTabs(context, 1, 'tabs-offline');
  await syncing;
  for (const page of [a, b, late as Page]) {
    await expect(sync(page).getByTestId('pending-count')).toHaveText('0', { timeout: 15_000 });
    await expect(cart(page).getByLabel('Quantity of Oat cortado')).toHaveValue('1');
  }
});

test('a tab running an older app version than the stored data says so instead of touching it', async ({
  page,
}) => {
  await page.goto('/icon.svg');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('logbook-shop-from-the-future-ada', 1000);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await page.goto('/?device=from-the-future');
  await signInIfAsked(page);
  await expect(page.getByRole('alert')).toContainText('This tab runs an older version of the app');
});
