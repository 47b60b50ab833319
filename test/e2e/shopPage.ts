import { expect, type Page } from '@playwright/test';

/** The shop's regions and common steps, as a shopper finds them on the page. */
export const cart = (page: Page) => page.getByRole('region', { name: 'Your cart' });
export const orders = (page: Page) => page.getByRole('region', { name: 'Orders' });
export const sync = (page: Page) => page.getByRole('region', { name: 'Sync' });
export const eventCount = (page: Page) => page.getByTestId('event-count');

/** Picks `person` ("Ada" or "Ben") when the page asks who is using this device. */
export async function signInIfAsked(page: Page, person = 'Ada') {
  const picker = page.getByTestId('person-picker');
  await expect(picker.or(page.getByTestId('worker-status'))).toBeVisible();
  if (await picker.isVisible()) {
    await picker.getByRole('button', { name: `Sign in as ${person}` }).click();
  }
}

/**
 * Opens the app as `device` (the default device when none), with more URL parameters from
 * `search`, signed in as `person` if it asks, and waits for its store.
 */
export async function openDevice(
  page: Page,
  device?: string,
  person = 'Ada',
  search: Record<string, string> = {},
) {
  const query = new URLSearchParams({ ...(device ? { device } : {}), ...search }).toString();
  await page.goto(query ? `/?${query}` : '/');
  await signInIfAsked(page, person);
  // A limit for a store that never opens, not a speed check: on busy cores a worker can take a while.
  await expect(page.getByTestId('worker-status')).toHaveText('Worker ready', { timeout: 15_000 });
}

/** Adds a product and waits until its event is stored. */
export async function addProduct(page: Page, name: string) {
  const before = await eventCount(page).textContent();
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await expect(eventCount(page)).not.toHaveText(before ?? '');
}
