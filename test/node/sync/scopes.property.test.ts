import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logInReplayOrder } from '../../../src/testing';
import { openStore } from '../../../worker/store/openStore';
import { expectProjectionsMatchReplay, wholeLog } from './replay';
import { increment, scopedServer, type TwoShopsStore, twoShops } from './scopedServer';

const SCOPES = ['shop-a', 'shop-b'] as const;
const device = fc.integer({ min: 0, max: 1 });
const scope = fc.constantFrom(...SCOPES);
const step = fc.oneof(
  fc.record({
    kind: fc.constant('command' as const),
    device,
    counter: fc.constantFrom('a1', 'a2', 'b1', 'b2'),
    by: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('push' as const),
    device,
    scope,
    limit: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('pull' as const),
    device,
    scope,
    pageSize: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('rebuild' as const), device }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

let databases = 0;
const open = () => openStore({ name: `scopes-property-${++databases}`, domain: twoShops });
const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);

async function run(server: ReturnType<typeof scopedServer>, devices: TwoShopsStore[], s: Step) {
  const store = devices[s.device] as TwoShopsStore;
  if (s.kind === 'command') {
    await store.execute(increment(s.counter, s.by)).catch((error: Error) => {
      if (error.name !== 'CommandRejectedError') throw error;
    });
  } else if (s.kind === 'push') await server.push(store, s.scope, s.limit);
  else if (s.kind === 'pull') await server.pull(store, s.scope, s.pageSize);
  else {
    await store.rebuildProjection('timeline');
    await store.projectionsReady();
  }
}

/** Pulls and pushes every scope on every device until nothing is pending anywhere. */
async function syncUntilQuiet(server: ReturnType<typeof scopedServer>, devices: TwoShopsStore[]) {
  for (let round = 0; round < 10; round++) {
    for (const store of devices) {
      for (const name of SCOPES) {
        await server.pull(store, name);
        await server.push(store, name);
      }
    }
    const pending = await Promise.all(devices.map((store) => store.pendingEvents(1)));
    if (pending.every((events) => events.length === 0)) break;
  }
  for (const store of devices) for (const name of SCOPES) await server.pull(store, name);
}

describe('two scopes synced in any interleaving (property)', () => {
  it('views always equal a replay; in the end every device holds each scope’s log once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const server = scopedServer();
        const devices = [await open(), await open()];
        for (const s of steps) {
          await run(server, devices, s);
          await expectProjectionsMatchReplay(devices[s.device] as TwoShopsStore, twoShops);
        }
        await syncUntilQuiet(server, devices);
        const onServer = SCOPES.flatMap((name) => server.logOf(name));
        for (const store of devices) {
          await expectProjectionsMatchReplay(store, twoShops);
          expect(await store.pendingEvents(10)).toEqual([]);
          const log = await wholeLog(store);
          expect(new Set(ids(log)).size).toBe(log.length);
          expect(ids(log).sort()).toEqual(ids(onServer).sort());
          // Within each scope, the store settled events in server order.
          const replayed = await logInReplayOrder(store);
          for (const name of SCOPES) {
            const inScope = replayed.filter((event) => twoShops.scopeOf(event.stream) === name);
            expect(ids(inScope)).toEqual(ids(server.logOf(name)));
          }
          for (const name of SCOPES) {
            expect(await store.pullCursor(name)).toBe(server.logOf(name).length);
          }
        }
        expect(await devices[0]?.list('totals')).toEqual(await devices[1]?.list('totals'));
        await Promise.all(devices.map((store) => store.close()));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
