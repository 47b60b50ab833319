import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopDomain } from '../../../src/domain/shop';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { syncServerOptionsOf } from '../../../src/server/syncServer';
import { shopCommands } from '../../shopArbitraries';
import { closeAll, createDevices, type Device, expectConverged, syncUntilQuiet } from './devices';
import { wholeLog } from './replay';

const mock = setupMockSyncServer(syncServerOptionsOf(shopDomain));
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mock.server.close());

const DEVICES = 3;
const command = shopCommands({ products: 3, quantity: { min: 1, max: 3 } });

const faults = fc.record({
  failureRate: fc.constantFrom(0, 0, 0.5, 1),
  dropResponseRate: fc.constantFrom(0, 0, 0.5, 1),
  latencyMs: fc.constantFrom(0, 0, 3),
});

/** Offline edits on any device, and syncs (one device, or several at once) under injected faults. */
const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device: fc.nat(DEVICES - 1),
      command,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      devices: fc.subarray([0, 1, 2], { minLength: 1 }),
      faults,
    }),
  },
);

/** Repeatable dice for the injected faults, so a failing case replays the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('sync convergence (property)', () => {
  it('any offline edits, sync orders and faults: every device converges, nothing lost or duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 40, size: 'max' }),
        fc.integer(),
        async (steps, seed) => {
          mock.faults.random = seededRandom(seed);
          const devices = await createDevices(DEVICES);
          const accepted = new Map<string, Device>();
          for (const next of steps) {
            if (next.kind === 'edit') {
              const device = devices[next.device] as Device;
              await device.store.execute(next.command).then(
                (result) => result.events.length > 0 && accepted.set(result.commandId, device),
                (error: Error) => expect(error.name).toBe('CommandRejectedError'),
              );
            } else {
              Object.assign(mock.faults, next.faults);
              // A sync under injected faults may fail, but only for them.
              const syncing = next.devices.map((i) => (devices[i] as Device).sync.syncNow());
              for (const outcome of await Promise.allSettled(syncing)) {
                if (outcome.status === 'rejected')
                  expect(['SyncNetworkError', 'SyncHttpError']).toContain(outcome.reason.name);
              }
            }
          }
          Object.assign(mock.faults, { failureRate: 0, dropResponseRate: 0, latencyMs: 0 });
          await syncUntilQuiet(devices, 8);
          await expectConverged(devices);

          const onServer = await mock.storage.readAfter(0, 100_000);
          expect(new Set(onServer.map((e) => e.id)).size).toBe(onServer.length);
          const [first] = devices as [Device];
          expect((await wholeLog(first.store)).map((e) => e.id)).toEqual(
            expect.arrayContaining(onServer.map((e) => e.id)),
          );
          const rejected = new Set(
            (await Promise.all(devices.map(async (d) => (await d.store.syncSummary()).rejected)))
              .flat()
              .map((r) => r.commandId),
          );
          const commandsOnServer = new Set(onServer.map((e) => e.metadata.commandId));
          for (const commandId of accepted.keys()) {
            expect(
              commandsOnServer.has(commandId) || rejected.has(commandId),
              `command ${commandId}`,
            ).toBe(true);
            expect(commandsOnServer.has(commandId) && rejected.has(commandId)).toBe(false);
          }
          await closeAll(devices);
          await mock.reset();
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
