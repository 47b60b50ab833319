import { expect, test } from '@playwright/test';
import { addProduct, cart, eventCount, openDevice } from './shopPage';

test('fifty quick clicks on Add all land in the cart, with no error', async ({
  page,
}, testInfo) => {
  await openDevice(page);
  await addProduct(page, 'Espresso');

  // Real clicks, as fast as Playwright sends them: none waits for the cart to update.
  const add = page.getByRole('button', { name: 'Add Flat white' });
  const box = await add.boundingBox();
  if (!box) throw new Error('The Add Flat white button is not on screen');
  const clicks = Array.from({ length: 50 }, () =>
    page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
  );
  await Promise.all(clicks);

  // A generous wait for the last command to land on a busy machine; it bounds no speed.
  // 51 adds, and the device's name, recorded before its first command.
  await expect.soft(eventCount(page)).toHaveText('52 events stored', { timeout: 20_000 });
  await expect.soft(cart(page).getByText(/^\d+ items?$/)).toHaveText('51 items');
  await expect.soft(cart(page).getByLabel('Quantity of Flat white')).toHaveValue('50');
  expect.soft(await page.getByRole('alert').allTextContents()).toEqual([]);

  const screenshot = await page.screenshot({
    path: testInfo.outputPath('quick-clicks.png'),
    fullPage: true,
  });
  await testInfo.attach('quick-clicks', { body: screenshot, contentType: 'image/png' });
});
