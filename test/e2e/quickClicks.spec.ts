import { expect, test } from '@playwright/test';
import { addProduct, cart, eventCount, openDevice } from './shopPage';

test('fifty quick clicks on a product with one in the cart: every click lands, no error', async ({
  page,
}, testInfo) => {
  await openDevice(page);
  await addProduct(page, 'Flat white');
  await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('1');

  // One click after another with no pause: each is a command sent before the last is stored.
  await page.getByRole('button', { name: 'Add Flat white' }).click({ clickCount: 50, delay: 0 });

  await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('51');
  await expect(eventCount(page)).toHaveText('51 events stored');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('quick-clicks.png') });
});
