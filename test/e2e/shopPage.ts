import { expect, type Page } from '@playwright/test';

/** The shop's regions and common steps, as a shopper finds them on the page. */
export const cart = (page: Page) => page.getByRole('region', { name: 'Your cart' });
export const orders = (page: Page) => page.getByRole('region', { name: 'Orders' });
export const sync = (page: Page) => page.getByRole('region', { name: 'Sync' });
export const eventCount = (page: Page) => page.getByTestId('event-count');

/** Opens the app as `device` (the default device when none) and waits for its store. */
export async function openDevice(page: Page, device?: string) {
  await page.goto(device ? `/?device=${device}` : '/');
  await expect(page.getByTestId('worker-status')).toHaveText('Worker ready');
}

/** Adds a product and waits until its event is stored. */
export async function addProduct(page: Page, name: string) {
  const before = await eventCount(page).textContent();
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await expect(eventCount(page)).not.toHaveText(before ?? '');
}
