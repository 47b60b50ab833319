import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/limits';
import { DEFAULT_SCOPE, SYNC_PATHS } from '../../../src/core/syncProtocol';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { type EventRow, LogbookDatabase } from '../../../worker/db/database';
import { openStore } from '../../../worker/store/openStore';
import { pushPending } from '../../../worker/sync/pushPending';
import { deviceMetadata } from '../../eventMetadata';
import { engineFor, SERVER_URL } from './devices';
import { expectProjectionsMatchReplay } from './replay';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

let databases = 0;

/** A device on the real server logic; `pushes` records the size of every push it sends. */
async function device(options: { batchSize?: number } = {}) {
  const name = `push-limits-${++databases}`;
  const store = await openStore({ name, domain: testDomain });
  const pushes: { bytes: number; events: number }[] = [];
  const sync = engineFor(
    store,
    (input, init) => {
      if (String(input).endsWith(SYNC_PATHS.push)) {
        const body = String(init?.body);
        const streams = (JSON.parse(body) as { streams: { events: unknown[] }[] }).streams;
        pushes.push({
          bytes: new TextEncoder().encode(body).byteLength,
          events: streams.reduce((sum, batch) => sum + batch.events.length, 0),
        });
      }
      return globalThis.fetch(input, init);
    },
    options,
  );
  return { name, store, sync, pushes };
}

const serverIds = async () =>
  (await mock.storage.readAfter(DEFAULT_SCOPE, 0, 100_000)).map((event) => event.id);

describe('pushes cut to what the server accepts', () => {
  it('20 appends of 60 KB each: all pushed, in pushes that each fit the byte limit', async () => {
    const { store, sync, pushes } = await device();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { events } = await store.append(`sensor-${i % 3}`, [
        { type: 'Sampled', data: { i, samples: 'x'.repeat(60_000) } },
      ]);
      ids.push(...events.map((event) => event.id));
    }

    await sync.syncNow();

    expect((await store.syncSummary()).pending).toBe(0);
    expect((await serverIds()).sort()).toEqual(ids.sort());
    expect(pushes.length).toBeGreaterThan(1);
    for (const push of pushes) expect(push.bytes).toBeLessThanOrEqual(LIMITS.maxPushBytes);
    await store.close();
  });

  it('cuts by the event count too, whatever batch size the engine is given', async () => {
    const { store, sync, pushes } = await device({ batchSize: 5_000 });
    for (let i = 0; i < 21; i++) {
      await store.append(
        'readings',
        Array.from({ length: 100 }, (_, n) => ({ type: 'Read', data: { n: i * 100 + n } })),
      );
    }

    await sync.syncNow();

    expect((await store.syncSummary()).pending).toBe(0);
    expect(await serverIds()).toHaveLength(2_100);
    for (const push of pushes) expect(push.events).toBeLessThanOrEqual(LIMITS.maxPushEvents);
    await store.close();
  });

  it('rejects a command stored too large to push (before the local limits), and syncs on', async () => {
    const { name, store, sync } = await device();
    await store.execute({ type: 'Increment', data: { counter: 'a', by: 1 } });
    // An older version accepted a command of 2,500 events: written here as it stored it.
    const commandId = uuidv7();
    const legacy = Array.from({ length: 2_500 }, (_, i) => ({
      id: uuidv7(),
      stream: 'counter-big',
      version: i + 1,
      serverPosition: null,
      type: 'Marked',
      data: { i },
      metadata: { ...deviceMetadata(store.clientId), commandId },
      sync: 'pending',
    })) as unknown as EventRow[];
    const db = new LogbookDatabase(name);
    await db.transaction('rw', db.events, db.commands, async () => {
      await db.events.bulkAdd(legacy);
      await db.commands.add({
        id: commandId,
        command: { type: 'Increment', id: commandId, data: { counter: 'big', by: 1 } },
        eventIds: legacy.map((event) => event.id),
        recordedAt: 1,
        status: 'done',
        reason: null,
      });
    });
    db.close();
    const later = await store.execute({ type: 'Increment', data: { counter: 'a', by: 2 } });

    const report = await sync.syncNow();

    expect(report.rejected).toEqual([
      {
        commandId,
        type: 'Increment',
        reason: expect.stringContaining(`at most ${LIMITS.maxPushEvents} events`),
      },
    ]);
    expect((await store.syncSummary()).pending).toBe(0);
    expect(await store.readStream('counter-big')).toEqual([]);
    expect(await serverIds()).toHaveLength(2);
    expect(await serverIds()).toContain(later.events[0]?.id);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 3 });
    await expectProjectionsMatchReplay(store, testDomain);
    await store.close();
  });
});

describe('reading the queue for a push', () => {
  it('reads it once per push: a window one event wider than the push tells that more remain', async () => {
    const { store } = await device();
    await store.append(
      'readings',
      Array.from({ length: 30 }, (_, n) => ({ type: 'Read', data: { n } })),
    );
    const windows: number[] = [];
    const counted = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'pendingEvents') return Reflect.get(target, key, receiver);
        return (limit: number) => {
          windows.push(limit);
          return target.pendingEvents(limit);
        };
      },
    });
    const transport = { fetch: globalThis.fetch, url: SERVER_URL, scope: DEFAULT_SCOPE };

    const outcomes = [];
    for (let push = 0; push < 3; push++) outcomes.push(await pushPending(counted, transport, 10));

    expect(outcomes.map(({ pushed, more }) => ({ pushed, more }))).toEqual([
      { pushed: 10, more: true },
      { pushed: 10, more: true },
      { pushed: 10, more: false },
    ]);
    expect(windows).toEqual([11, 11, 11]);
    expect(await serverIds()).toHaveLength(30);
    expect((await store.syncSummary()).pending).toBe(0);
    await store.close();
  });
});
