import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAggregate } from '../../../src/core/decider';
import { defineDomain } from '../../../src/core/domain';
import type { Json } from '../../../src/core/json';
import { defineProjection } from '../../../src/core/projection';
import { currentSchemaVersion, type Upcasters, upcast } from '../../../src/core/upcasting';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { createSyncServer } from '../../../src/server/syncServer';
import { openStore } from '../../../worker/store/openStore';

/** v1 `{ counter, by }`; v2 renamed `by` to `amount`; v3 made the amount a value with a unit. */
type Tallied = {
  type: 'Tallied';
  data: { counter: string; amount: { value: number; unit: string } };
};
const upcasters: Upcasters = {
  Tallied: {
    1: (data) => {
      const { by, ...rest } = data as { by: number; counter: string };
      return { ...rest, amount: by };
    },
    2: (data) => {
      const { amount, ...rest } = data as { amount: number; counter: string };
      return { ...rest, amount: { value: amount, unit: 'cup' } };
    },
  },
};

const tally = defineAggregate({
  name: 'tally',
  commands: { Tally: z.object({ counter: z.string(), value: z.number() }) },
  streamOf: (command) => `tally-${command.data.counter}`,
  initialState: () => ({ total: 0 }),
  evolve: (state, event: Tallied) => ({ total: state.total + event.data.amount.value }),
  decide: (command): Tallied[] => [
    {
      type: 'Tallied',
      data: { counter: command.data.counter, amount: { value: command.data.value, unit: 'cup' } },
    },
  ],
});
const tallies = defineProjection<{ counter: string; total: number }, Tallied>()({
  name: 'tallies',
  version: 1,
  key: (event) => event.data.counter,
  on: {
    Tallied: (view, event) => ({
      counter: event.data.counter,
      total: (view?.total ?? 0) + event.data.amount.value,
    }),
  },
});
const v3 = defineDomain({ aggregates: [tally], projections: [tallies], upcasters });
const before = defineDomain({ aggregates: [], projections: [] });

const v1Event = (by: number) => ({
  type: 'Tallied',
  data: { counter: 'a', by },
  metadata: { schemaVersion: 1 },
});
const v2Event = (amount: number) => ({
  type: 'Tallied',
  data: { counter: 'a', amount },
  metadata: { schemaVersion: 2 },
});

/** A v1 event as an older version of the app recorded and pushed it. */
const oldDevicesEvent = (id: string, by: number) => ({
  id,
  type: 'Tallied',
  data: { counter: 'a', by },
  metadata: {
    recordedAt: 1,
    clientId: 'old-app',
    commandId: null,
    correlationId: null,
    causationId: null,
    schemaVersion: 1,
  },
});

describe('schema evolution by upcasting', () => {
  it('runs a chain of upcasters from the stored version to the current one', () => {
    const stored = { ...v1Event(2), metadata: { schemaVersion: 1 } };
    expect(upcast(stored, upcasters)).toEqual({
      type: 'Tallied',
      data: { counter: 'a', amount: { value: 2, unit: 'cup' } },
      metadata: { schemaVersion: 3 },
    });
    expect(upcast({ ...v2Event(5) }, upcasters).data).toEqual({
      counter: 'a',
      amount: { value: 5, unit: 'cup' },
    });
    expect(currentSchemaVersion(upcasters, 'Tallied')).toBe(3);
    expect(currentSchemaVersion(upcasters, 'Other')).toBe(1);
  });

  it('reads events stored at v1 and v2 in the v3 shape everywhere: reads, state, projections', async () => {
    const old = await openStore({ name: 'upcast-store', domain: before });
    await old.append('tally-a', [v1Event(2), v2Event(3)]);
    await old.close();

    const store = await openStore({ name: 'upcast-store', domain: v3 });
    const read = await store.readStream('tally-a');
    expect(read.map((event) => [event.data, event.metadata.schemaVersion])).toEqual([
      [{ counter: 'a', amount: { value: 2, unit: 'cup' } }, 3],
      [{ counter: 'a', amount: { value: 3, unit: 'cup' } }, 3],
    ]);
    expect(await store.get('tallies', 'a')).toEqual({ counter: 'a', total: 5 });
    expect(await store.aggregateStateAt('tally', 'tally-a', { version: 2 })).toEqual({ total: 5 });
    const { events } = await store.execute({ type: 'Tally', data: { counter: 'a', value: 4 } });
    expect(events[0]?.metadata.schemaVersion).toBe(3);
    expect(await store.get('tallies', 'a')).toEqual({ counter: 'a', total: 9 });
    expect(
      (await store.readAll()).events.map((event) => (event.data as { amount: Json }).amount),
    ).toHaveLength(3);
  });

  it('hands old events to projections in the current shape as they are written, not only on a rebuild', async () => {
    const store = await openStore({ name: 'upcast-on-write', domain: v3 });
    const { events } = await store.append('tally-a', [v1Event(2), v2Event(3)]);

    expect(events.map((event) => [event.data, event.metadata.schemaVersion])).toEqual([
      [{ counter: 'a', amount: { value: 2, unit: 'cup' } }, 3],
      [{ counter: 'a', amount: { value: 3, unit: 'cup' } }, 3],
    ]);
    expect(await store.get('tallies', 'a')).toEqual({ counter: 'a', total: 5 });
  });

  it('hands old events pulled from a server that does not upcast to projections in the current shape', async () => {
    const server = createSyncServer(memoryStorage());
    await server.push(
      {
        scope: 'default',
        clientId: 'old-app',
        streams: [{ stream: 'tally-a', baseVersion: 0, events: [oldDevicesEvent('e1', 7)] }],
      },
      { sub: 'alice' },
    );
    const { events, nextCursor } = await server.pull({ scope: 'default', after: 0, limit: 10 });
    const store = await openStore({ name: 'upcast-on-pull', domain: v3 });

    await store.applyPulled(events, nextCursor);

    expect(await store.get('tallies', 'a')).toEqual({ counter: 'a', total: 7 });
  });

  it('hands old events of an imported log to projections in the current shape', async () => {
    const old = await openStore({ name: 'upcast-export', domain: before });
    await old.append('tally-a', [v1Event(2), v2Event(3)]);
    const { ndjson } = await old.exportLog();
    const store = await openStore({ name: 'upcast-import', domain: v3 });

    await store.importLog(ndjson);

    expect(await store.get('tallies', 'a')).toEqual({ counter: 'a', total: 5 });
  });

  it('serves old events in the current shape from the server logic too', async () => {
    const server = createSyncServer(memoryStorage(), { upcasters });
    const metadata = {
      recordedAt: 1,
      clientId: 'c',
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 1,
    };
    await server.push(
      {
        scope: 'default',
        clientId: 'c',
        streams: [
          {
            stream: 'tally-a',
            baseVersion: 0,
            events: [{ id: 'e1', type: 'Tallied', data: { counter: 'a', by: 7 }, metadata }],
          },
        ],
      },
      { sub: 'alice' },
    );
    const { events } = await server.pull({ scope: 'default', after: 0, limit: 10 });
    expect(events[0]).toMatchObject({
      data: { counter: 'a', amount: { value: 7, unit: 'cup' } },
      metadata: { schemaVersion: 3 },
    });
  });
});
