import { expect } from 'vitest';
import type { LocalStore } from '../../../src/core/store';
import { type ShopDomain, shopDomain } from '../../../src/domain/shop';
import { openStore } from '../../../worker/store/openStore';
import { createSyncEngine, type SyncEngine } from '../../../worker/sync/syncEngine';
import { expectProjectionsMatchReplay, inReplayOrder, wholeLog } from './replay';

export const SERVER_URL = 'http://sync.test';

export interface Device {
  name: string;
  store: LocalStore<ShopDomain>;
  sync: SyncEngine;
}

/** A device with several tabs: stores on one database; the first, `store`, syncs. */
export interface TabbedDevice extends Device {
  tabs: LocalStore<ShopDomain>[];
}

let runs = 0;

/** `count` devices, each with its own database and a sync engine on the mock server; no timers. */
export async function createDevices(count: number): Promise<Device[]> {
  return createTabbedDevices(Array.from({ length: count }, () => 1));
}

/**
 * One device per entry of `tabCounts`, with that many tabs (stores opened on the device's
 * database), named A, B, C...; the first tab syncs, through `fetchOf(i)` for the i-th device.
 * No timers.
 */
export async function createTabbedDevices(
  tabCounts: readonly number[],
  fetchOf: (device: number) => typeof fetch = () => (input, init) => globalThis.fetch(input, init),
): Promise<TabbedDevice[]> {
  runs += 1;
  return Promise.all(
    tabCounts.map(async (tabCount, i) => {
      const name = String.fromCharCode(65 + i);
      const tabs: LocalStore<ShopDomain>[] = [];
      for (let tab = 0; tab < tabCount; tab++) {
        tabs.push(await openStore({ name: `device-${runs}-${i}`, domain: shopDomain }));
      }
      const [store] = tabs as [LocalStore<ShopDomain>];
      const sync = createSyncEngine({
        store,
        fetch: fetchOf(i),
        baseUrl: SERVER_URL,
        intervalMs: 0,
        retry: { retries: 2, minTimeout: 1, maxTimeout: 4 },
      });
      return { name, store, sync, tabs };
    }),
  );
}

/** Syncs every device, one after the other, until none has pending work (at most `rounds`). */
export async function syncUntilQuiet(devices: Device[], rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const device of devices) await device.sync.syncNow();
    const pending = await Promise.all(
      devices.map(async (d) => (await d.store.syncSummary()).pending),
    );
    if (pending.every((count) => count === 0)) {
      for (const device of devices) await device.sync.syncNow();
      return;
    }
  }
  throw new Error('devices did not settle');
}

/** What a log says, without local positions: the same on every device once they agree. */
export async function logOf(store: LocalStore) {
  return inReplayOrder(await wholeLog(store)).map((e) => [
    e.id,
    e.stream,
    e.version,
    e.serverPosition,
    e.type,
    e.data,
  ]);
}

/** Every device holds the same log (in server order) and the same views, all equal to a replay. */
export async function expectConverged(devices: Device[]): Promise<void> {
  const [first, ...others] = devices as [Device, ...Device[]];
  const log = await logOf(first.store);
  for (const device of others)
    expect(await logOf(device.store), `log of ${device.name}`).toEqual(log);
  for (const device of devices) {
    expect((await device.store.syncSummary()).pending, `pending on ${device.name}`).toBe(0);
    await expectProjectionsMatchReplay(device.store, shopDomain);
  }
  for (const projection of shopDomain.projections) {
    const views = await first.store.list(projection.name);
    for (const device of others) expect(await device.store.list(projection.name)).toEqual(views);
  }
}

export async function closeAll(devices: Device[]): Promise<void> {
  for (const device of devices) {
    device.sync.stop();
    for (const tab of 'tabs' in device ? (device as TabbedDevice).tabs : [device.store]) {
      await tab.close();
    }
  }
}
