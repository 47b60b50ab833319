import { expect, test } from '@playwright/test';
import { cart, openDevice, sync } from './shopPage';

test('each person signs in to a store of their own, and each shop has its own carts', async ({
  page,
}) => {
  await openDevice(page, 'shared-laptop', 'Ada');
  await expect(page.getByTestId('signed-in-person')).toHaveText('Ada');
  await expect(page.getByTestId('shop-switcher')).toHaveValue('shop-ada');
  await expect(sync(page).getByTestId('sync-state')).toHaveText('Server in this browser');
  await page.getByRole('button', { name: 'Add Espresso' }).click();
  await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');

  // The shared shop is another scope, with its cart of its own.
  await page.getByTestId('shop-switcher').selectOption('shop-shared');
  await expect(cart(page).getByText('Your cart is empty')).toBeVisible();
  await page.getByTestId('shop-switcher').selectOption('shop-ada');
  await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');

  // Ben on the same device never sees Ada's store: his shops are his and the shared one.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByTestId('person-picker').getByRole('button', { name: 'Sign in as Ben' }).click();
  await expect(page.getByTestId('signed-in-person')).toHaveText('Ben');
  await expect(page.getByTestId('shop-switcher').locator('option')).toHaveText([
    'Ben’s shop',
    'Shared shop',
  ]);
  await expect(cart(page).getByText('Your cart is empty')).toBeVisible();
  await expect(page.getByTestId('event-count')).toHaveText('0 events stored');

  // Signing back in as Ada, on this device, opens her store as she left it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByTestId('person-picker').getByRole('button', { name: 'Sign in as Ada' }).click();
  await expect(cart(page).getByLabel('Quantity of Espresso')).toHaveValue('1');
});
