import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addItem } from '../../../shopFixtures';
import { closeAll, type Device } from '../../sync/devices';
import { devicesOn, devToken, newDataDir, startServerProcess } from './serverProcess';
import { pullAll } from './wire';

const SCOPE = 'shop-1';
/** Every command adds a product of its own, so none is refused for its quantity. */
const product = (i: number) => ({ productId: `p-${i}`, name: `Product ${i}`, unitPrice: 340 });

/** A port free right now, so the server can be started again where the devices look for it. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function syncUntilSettled(devices: Device[]): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await Promise.all(devices.map((d) => d.sync.syncNow().catch(() => undefined)));
    const pending = await Promise.all(
      devices.map(async (d) => (await d.store.syncSummary()).pending),
    );
    if (pending.every((count) => count === 0)) return;
  }
  throw new Error('the devices did not settle');
}

describe('the real server, killed (SIGKILL) in the middle of pushes', () => {
  it("stores each device's event once after the devices retry on the restarted server", {
    timeout: 180_000,
  }, async () => {
    const port = String(await freePort());
    const dataDir = await newDataDir();
    const env = { PORT: port, LOGBOOK_DATA_DIR: dataDir };
    let server = await startServerProcess(env);
    const token = await devToken(server.url, 'alice', [SCOPE]);
    const devices = await devicesOn(server.url, { count: 3, scope: SCOPE, token, batchSize: 5 });
    /** Syncs started and not awaited: each ends (the server dies under some) before the stores close. */
    const syncs: Promise<unknown>[] = [];
    let work: Promise<unknown> = Promise.resolve();
    try {
      // Every device keeps recording and pushing in small batches; the server dies under them.
      work = Promise.all(
        devices.map(async (device, d) => {
          for (let i = 0; i < 40; i++) {
            await device.store.execute(addItem(`cart-${d}`, product(i), 1));
            if (i % 4 === 3) syncs.push(device.sync.syncNow().catch(() => undefined));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      );
      // In the middle: the server has stored some of it, and more is on its way.
      await expect
        .poll(async () => (await pullAll(server.url, token, SCOPE)).length, { timeout: 60_000 })
        .toBeGreaterThan(10);
      expect(await server.stop('SIGKILL')).toBeNull();
      await work;
      const unacknowledged = await Promise.all(
        devices.map(async ({ store }) => (await store.syncSummary()).pending),
      );
      expect(unacknowledged.reduce((a, b) => a + b)).toBeGreaterThan(0);
      server = await startServerProcess(env);
      await syncUntilSettled(devices);

      const stored = await pullAll(server.url, token, SCOPE);
      const ids = stored.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(stored.map((event) => event.position)).toEqual(ids.map((_, i) => i + 1));
      const own = await Promise.all(
        devices.map(async ({ store }) => {
          const { events } = await store.readAll({ clientId: store.clientId, limit: 10_000 });
          return events.map((event) => event.id);
        }),
      );
      expect(new Set(ids)).toEqual(new Set(own.flat()));
      expect(ids.length).toBe(3 * 40);
    } finally {
      await work.catch(() => undefined);
      await Promise.all(syncs);
      await closeAll(devices);
      await server.stop();
    }
  });
});
