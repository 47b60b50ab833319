import type { SyncEngineOptions } from '../../../../worker/sync/syncEngine';
import { createDevices, type Device, engineFor } from '../../sync/devices';

// The process itself is started by a helper Playwright's live specs share (no Vitest in it).
export {
  devToken,
  newDataDir,
  type ServerProcess,
  startServerProcess,
} from '../../../serverProcess';

/**
 * `count` devices (stores on fresh databases) syncing `scope` with the real server at `url`, each
 * with `token`; `options` adds to their engines' (no timers, no quick retries).
 */
export async function devicesOn(
  url: string,
  {
    count,
    scope,
    token,
    ...options
  }: { count: number; scope: string; token: string } & Partial<Omit<SyncEngineOptions, 'token'>>,
): Promise<Device[]> {
  const devices = await createDevices(count);
  for (const device of devices) {
    device.sync = engineFor(device.store, globalThis.fetch, {
      url,
      scopes: [scope],
      token: () => token,
      ...options,
    });
  }
  return devices;
}
