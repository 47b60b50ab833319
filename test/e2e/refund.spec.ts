import { expect, test } from '@playwright/test';
import { addProduct, cart, openDevice, orders } from './shopPage';

test('refunding a paid order ends it: Refunded, both amounts shown, nothing left to do but read its history', async ({
  page,
}, testInfo) => {
  await openDevice(page);
  await addProduct(page, 'Flat white');
  await addProduct(page, 'Cold brew');
  await cart(page).getByRole('button', { name: 'Check out' }).click();

  const order = orders(page).getByRole('listitem').first();
  await order.getByRole('button', { name: 'Pay' }).click();
  await expect(order.getByTestId('order-status')).toHaveText('Paid', { useInnerText: true });
  await expect(order.getByTestId('order-paid')).toHaveText('Paid €7.20');
  await expect(order.getByRole('button', { name: 'Ship' })).toBeVisible();

  await order.getByRole('button', { name: 'Refund' }).click();
  await expect(order.getByTestId('order-status')).toHaveText('Refunded', { useInnerText: true });
  await expect(order.getByTestId('order-paid')).toHaveText('Paid €7.20');
  await expect(order.getByTestId('order-refunded')).toHaveText('Refunded €7.20');
  await expect(order.getByRole('button')).toHaveText(['History']);

  const screenshot = await page.screenshot({
    path: testInfo.outputPath('refund.png'),
    fullPage: true,
  });
  await testInfo.attach('refund', { body: screenshot, contentType: 'image/png' });
});
