import { expect, test } from '@playwright/test';
import { cart, openDevice, sync } from './shopPage';

test('an edit made offline on one device appears on the other after both sync', async ({
  context,
}, testInfo) => {
  const phone = await context.newPage();
  const laptop = await context.newPage();
  await openDevice(phone, 'phone');
  await openDevice(laptop, 'laptop');

  await sync(phone).getByLabel('Take this device offline').check();
  await phone.getByRole('button', { name: 'Add Cold brew' }).click();
  await expect(cart(phone).getByLabel('Quantity of Cold brew')).toHaveValue('1');
  // The add, and the phone's name in the shop, recorded before its first command there.
  await expect(sync(phone).getByTestId('pending-count')).toHaveText('2');
  await expect(sync(phone).getByTestId('sync-state')).toHaveText('Offline');

  await sync(laptop).getByRole('button', { name: 'Sync now' }).click();
  await expect(sync(laptop).getByTestId('sync-state')).toHaveText('Server in this browser');
  await expect(cart(laptop).getByText('Your cart is empty')).toBeVisible();

  await sync(phone).getByLabel('Take this device offline').uncheck();
  await sync(phone).getByRole('button', { name: 'Sync now' }).click();
  await expect(sync(phone).getByTestId('pending-count')).toHaveText('0');

  await sync(laptop).getByRole('button', { name: 'Sync now' }).click();
  await expect(cart(laptop).getByLabel('Quantity of Cold brew')).toHaveValue('1');

  await laptop.getByRole('button', { name: 'History' }).first().click();
  await expect(laptop.getByRole('dialog').getByTestId('history-entry')).toHaveCount(1);
  await expect(laptop.getByRole('dialog').getByTestId('history-entry')).toContainText('confirmed');
  // The laptop learned the phone's name from the shop's log.
  await expect(laptop.getByRole('dialog').getByTestId('history-entry')).toContainText('on phone');
  const screenshot = await laptop.screenshot({
    path: testInfo.outputPath('laptop.png'),
    fullPage: true,
  });
  await testInfo.attach('laptop', { body: screenshot, contentType: 'image/png' });
});
