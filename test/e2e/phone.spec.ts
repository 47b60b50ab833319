import { expect, type Page, test } from '@playwright/test';
import { addProduct, cart, openDevice } from './shopPage';

test.use({ viewport: { width: 390, height: 844 } });

/** Nothing is wider than the screen: the page does not scroll sideways, nor does `box`. */
async function expectNoSidewaysOverflow(page: Page, box?: string) {
  const widths = await page.evaluate((selector) => {
    const element = selector ? document.querySelector(selector) : null;
    return {
      page: document.scrollingElement?.scrollWidth ?? 0,
      screen: window.innerWidth,
      box: element ? element.scrollWidth - element.clientWidth : 0,
    };
  }, box);
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
  expect(widths.box).toBeLessThanOrEqual(0);
}

test('on a phone nothing overflows sideways, the main page nor the event log; Add says it added', async ({
  page,
}, testInfo) => {
  await openDevice(page);
  await expect(page.getByRole('region', { name: 'What this shows' })).toBeVisible();
  await expectNoSidewaysOverflow(page);

  await page.getByRole('button', { name: 'Add Flat white' }).click();
  await expect(page.getByRole('button', { name: 'Add Flat white' })).toHaveText('Added ✓');
  await addProduct(page, 'Almond croissant');
  await cart(page).getByRole('button', { name: 'Check out' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('placed');
  await expectNoSidewaysOverflow(page);
  await testInfo.attach('phone', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  await page.getByRole('button', { name: 'Event log' }).click();
  const log = page.getByRole('dialog', { name: 'Event log' });
  await expect(log.getByTestId('log-row')).toHaveCount(5);
  await expect(log.getByTestId('sync-mark').first()).toBeVisible();
  await expectNoSidewaysOverflow(page, 'dialog.log');
  await testInfo.attach('phone-log', { body: await page.screenshot(), contentType: 'image/png' });
  await log.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Got it, hide this' }).click();
  await page.reload();
  await expect(page.getByTestId('worker-status')).toHaveText('Worker ready');
  await expect(page.getByRole('region', { name: 'What this shows' })).toHaveCount(0);
});
