import { expect } from 'vitest';
import type { LocalStore } from '../../../src/core/store';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { assertProjectionsMatchReplay } from '../../../src/testing';
import { logRows } from '../../../src/testing/simulationChecks';
import { openStore } from '../../../worker/store/openStore';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
} from '../../../worker/sync/syncEngine';

export const SERVER_URL = 'http://sync.test';

export interface Device {
  name: string;
  store: LocalStore<ShopDomain>;
  sync: SyncEngine;
}

/** A device with several tabs: stores on one database; the first, `store`, syncs. */
export interface TabbedDevice extends Device {
  tabs: LocalStore<ShopDomain>[];
  /** The IndexedDB database its tabs share. */
  database: string;
}

let runs = 0;

/** A sync engine on the mock server through `fetch`: no timers of its own, no quick retries. */
export function engineFor(
  store: SyncEngineOptions['store'],
  fetch: typeof globalThis.fetch,
  options: Partial<SyncEngineOptions> = {},
): SyncEngine {
  return createSyncEngine({
    store,
    fetch,
    url: SERVER_URL,
    intervalMs: 0,
    retry: { retries: 0, minTimeout: 1, maxTimeout: 1 },
    ...options,
  });
}

const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/**
 * `count` devices, each with its own database and a sync engine on the mock server (through
 * `fetch`, the global one by default); no timers.
 */
export async function createDevices(
  count: number,
  fetch: typeof globalThis.fetch = globalFetch,
): Promise<Device[]> {
  return createTabbedDevices(
    Array.from({ length: count }, () => 1),
    () => fetch,
  );
}

/**
 * One device per entry of `tabCounts`, with that many tabs (stores opened on the device's
 * database), named A, B, C...; the first tab syncs, through `fetchOf(i)` for the i-th device.
 * No timers.
 */
export async function createTabbedDevices(
  tabCounts: readonly number[],
  fetchOf: (device: number) => typeof fetch = () => globalFetch,
): Promise<TabbedDevice[]> {
  runs += 1;
  return Promise.all(
    tabCounts.map(async (tabCount, i) => {
      const name = String.fromCharCode(65 + i);
      const database = `device-${runs}-${i}`;
      const tabs: LocalStore<ShopDomain>[] = [];
      for (let tab = 0; tab < tabCount; tab++) {
        tabs.push(await openStore({ name: database, domain: shopDomain }));
      }
      const [store] = tabs as [LocalStore<ShopDomain>];
      return { name, store, sync: testSyncEngine(store, fetchOf(i)), tabs, database };
    }),
  );
}

/** A sync engine on the mock server with quick retries and no timers, as every device has. */
export function testSyncEngine(
  store: SyncEngineOptions['store'],
  fetch: typeof globalThis.fetch = globalFetch,
): SyncEngine {
  return engineFor(store, fetch, { retry: { retries: 2, minTimeout: 1, maxTimeout: 4 } });
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

/** Every device holds the same log (in server order) and the same views, all equal to a replay. */
export async function expectConverged(devices: Device[]): Promise<void> {
  const [first, ...others] = devices as [Device, ...Device[]];
  const log = await logRows(first.store);
  for (const device of others)
    expect(await logRows(device.store), `log of ${device.name}`).toEqual(log);
  for (const device of devices) {
    expect((await device.store.syncSummary()).pending, `pending on ${device.name}`).toBe(0);
    await assertProjectionsMatchReplay(device.store, shopDomain);
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
