/**
 * Which device this tab plays: `?device=phone` opens the store of a device called "phone", with
 * its own database and client id, so two devices can run side by side in one browser.
 */
export function currentDevice(search = globalThis.location?.search ?? ''): string {
  const requested = new URLSearchParams(search).get('device')?.trim();
  return requested && /^[\w-]{1,40}$/.test(requested) ? requested : 'this-device';
}

/** The store of one person on one device: a device never shows one person's data to another. */
export function databaseName(device: string, person: string): string {
  return `logbook-shop-${device}-${person}`;
}
