import { expect, type Page, test } from '@playwright/test';
import { addProduct, cart, eventCount, openDevice, orders } from './shopPage';

async function setQuantity(page: Page, product: string, quantity: string) {
  await cart(page).getByLabel(`Quantity of ${product}`).fill(quantity);
  await cart(page).getByLabel(`Quantity of ${product}`).press('Enter');
}

test('a shopper fills a cart, checks out, pays and ships, reads the history, reloads and goes offline', async ({
  page,
  context,
}, testInfo) => {
  await openDevice(page);
  await expect(eventCount(page)).toHaveText('0 events stored');

  await addProduct(page, 'Flat white');
  await addProduct(page, 'Almond croissant');
  await addProduct(page, 'Flat white');
  await expect(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('2');
  await expect(cart(page).getByTestId('cart-total')).toHaveText('€10.45');

  await setQuantity(page, 'Almond croissant', '3');
  await expect(cart(page).getByTestId('cart-total')).toHaveText('€17.75');

  // Bad input is refused with the rule's words and changes nothing.
  await setQuantity(page, 'Flat white', '0');
  await expect(cart(page).getByRole('alert')).toContainText('Quantity must be a whole number');
  await setQuantity(page, 'Flat white', 'lots');
  await expect(cart(page).getByRole('alert')).toContainText('Please check the quantity');
  await expect(cart(page).getByTestId('cart-total')).toHaveText('€17.75');
  // Three adds and a change, after the device named itself in the shop with its first command.
  await expect(eventCount(page)).toHaveText('5 events stored');

  await cart(page).getByRole('button', { name: 'Check out' }).click();
  const order = orders(page).getByRole('listitem').first();
  await expect(order.getByTestId('order-status')).toHaveText('placed');
  await expect(cart(page).getByText('Your cart is empty')).toBeVisible();
  await expect(order.getByRole('button', { name: 'Ship' })).toHaveCount(0);

  await order.getByRole('button', { name: 'Pay' }).click();
  await expect(order.getByTestId('order-status')).toHaveText('paid');
  await order.getByRole('button', { name: 'Ship' }).click();
  await expect(order.getByTestId('order-status')).toHaveText('shipped');

  await order.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog');
  await expect(history.getByTestId('history-entry')).toHaveCount(3);
  await expect(history.getByTestId('history-entry').nth(0)).toContainText('OrderPlaced');
  await expect(history.getByTestId('history-entry').nth(1)).toContainText('OrderPaid');
  await expect(history.getByTestId('history-entry').nth(2)).toContainText('OrderShipped');
  await expect(history.getByTestId('history-entry').nth(2)).toContainText('this device');
  await history.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await expect(orders(page).getByTestId('order-status').first()).toHaveText('shipped');
  await expect(eventCount(page)).toHaveText('9 events stored');

  // The service worker has precached the app: with no network it still loads and works.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('worker-status')).toHaveText('Worker ready');
  await expect(orders(page).getByTestId('order-status').first()).toHaveText('shipped');
  await addProduct(page, 'Espresso');
  await expect(cart(page).getByTestId('cart-total')).toHaveText('€2.40');

  const screenshot = await page.screenshot({
    path: testInfo.outputPath('shop.png'),
    fullPage: true,
  });
  await testInfo.attach('shop', { body: screenshot, contentType: 'image/png' });
  await context.setOffline(false);
});
