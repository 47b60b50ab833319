/**
 * `?sync=off` opens a device that never syncs: the one place an import finds an empty store,
 * since every syncing device fills from the server (the in-browser one too) as it starts.
 */
export function syncsWithServer(search = globalThis.location?.search ?? ''): boolean {
  return new URLSearchParams(search).get('sync') !== 'off';
}

/** The address of a new device that does not sync, to import a log into. */
export function importDeviceHref(now = Date.now()): string {
  return `?device=import-${now.toString(36)}&sync=off`;
}
