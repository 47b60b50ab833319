import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAggregate } from '../../src/core/decider';
import { defineDomain, definePolicy } from '../../src/core/domain';
import { LIMITS } from '../../src/core/limits';
import { DEFAULT_SCOPE, SYNC_PATHS } from '../../src/core/syncProtocol';
import { openAccess } from '../../src/server/app/auth';
import { createSyncApp } from '../../src/server/app/createSyncApp';
import { memoryStorage } from '../../src/server/memoryStorage';
import { exportAll } from '../../src/testing/conformance/history';
import { nested } from '../../src/testing/conformance/validation';
import { LogbookDatabase } from '../../worker/db/database';
import { openStore } from '../../worker/store/openStore';
import { toPushRequest } from '../../worker/sync/pushRequest';
import { deviceMetadata } from '../eventMetadata';

type BoardEvent =
  | { type: 'Noted'; data: { board: string; text: string } }
  | { type: 'Copied'; data: { board: string; times: number } };

/**
 * Boards of notes. `Fill` records `times` notes, and with `copies` a `Copied` event whose policy
 * fills the board's copy with that many more, in the same command. `Scribble` records a note its
 * own schema refuses.
 */
const board = defineAggregate({
  name: 'board',
  commands: {
    Fill: z.object({
      board: z.string(),
      text: z.string(),
      times: z.number().int().min(1),
      copies: z.number().int().min(0),
    }),
    Scribble: z.object({ board: z.string() }),
  },
  events: {
    Noted: z.object({ board: z.string(), text: z.string() }),
    Copied: z.object({ board: z.string(), times: z.number().int() }),
  },
  streamOf: (command) => `board-${command.data.board}`,
  initialState: () => null,
  evolve: (state) => state,
  decide: (command): BoardEvent[] => {
    if (command.type === 'Scribble') {
      return [{ type: 'Noted', data: { board: command.data.board, text: 5 as never } }];
    }
    const { board: id, text, times, copies } = command.data;
    const notes = Array.from({ length: times }, () => ({
      type: 'Noted' as const,
      data: { board: id, text },
    }));
    return copies > 0 ? [...notes, { type: 'Copied', data: { board: id, times: copies } }] : notes;
  },
});

const copyBoard = definePolicy<Extract<BoardEvent, { type: 'Copied' }>>({
  when: 'Copied',
  commands: (event) => ({
    type: 'Fill',
    data: { board: `${event.data.board}-copy`, text: 'copy', times: event.data.times, copies: 0 },
  }),
});

/** Notes were `{ board, note }` at schema version 1. */
const upcasters = {
  Noted: {
    1: (data: unknown) => ({
      board: (data as { board: string }).board,
      text: (data as { note: string }).note,
    }),
  },
};

const boards = defineDomain({
  aggregates: [board],
  projections: [],
  policies: [copyBoard],
  upcasters,
});

let stores = 0;
const open = (options: { maxEventBytes?: number } = {}) =>
  openStore({ name: `write-rules-${++stores}`, domain: boards, ...options });

const fill = (times: number, copies = 0, text = 'hi') => ({
  type: 'Fill' as const,
  data: { board: 'a', text, times, copies },
});

describe('what a store records is what the server takes', () => {
  it('holds appends to the domain event schemas, older schema versions after upcasting', async () => {
    const store = await open();
    const refusals: [unknown[], string][] = [
      [[{ type: 'Erased', data: { board: 'a' } }], 'events[0].type'],
      [
        [
          { type: 'Noted', data: { board: 'a', text: 'ok' } },
          { type: 'Noted', data: { board: 'a' } },
        ],
        'events[1].data.text',
      ],
      [
        [{ type: 'Noted', data: { board: 'a' }, metadata: { schemaVersion: 1 } }],
        'events[0].data.text',
      ],
    ];
    for (const [events, field] of refusals) {
      await expect(store.append('board-a', events as never)).rejects.toMatchObject({
        name: 'ValidationError',
        field,
      });
    }
    expect(await store.headPosition()).toBe(0);
    await store.append('board-a', [
      { type: 'Noted', data: { board: 'a', note: 'old' } as never, metadata: { schemaVersion: 1 } },
    ]);
    expect((await store.readStream('board-a'))[0]?.data).toEqual({ board: 'a', text: 'old' });
    await store.close();
  });

  it('refuses a command whose decided events break their schema, and records nothing', async () => {
    const store = await open();
    await expect(
      store.execute({ type: 'Scribble', data: { board: 'a' }, id: 'scribble-1' }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'events[0].data.text' });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('refuses a command that records more events than one push carries, its policies included', async () => {
    const store = await open();
    // 1,500 notes and a copy of 1,000 more: each stream alone would fit.
    await expect(store.execute(fill(1_500, 1_000))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'events',
    });
    expect(await store.headPosition()).toBe(0);
    // Exactly the limit: 1,000 notes, the Copied event, and 999 copies.
    const { events } = await store.execute(fill(1_000, LIMITS.maxPushEvents - 1_001));
    expect(events).toHaveLength(LIMITS.maxPushEvents);
    await store.close();
  });

  it('refuses a command whose events would not fit in one push body', async () => {
    const store = await open();
    await expect(store.execute(fill(20, 0, 'x'.repeat(60_000)))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'events',
    });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('accepts only writes that the server then takes in one push', async () => {
    const server = createSyncApp({ storage: memoryStorage(), auth: openAccess() });
    const store = await open();
    const large = (count: number) =>
      Array.from({ length: count }, () => ({
        type: 'Noted',
        data: { board: 'a', text: 'x'.repeat(LIMITS.maxEventBytes - 30) },
      }));
    // Sixteen events at the size limit do not fit in one push; fifteen do.
    await expect(store.append('board-a', large(16))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'events',
    });
    const many = Array.from({ length: LIMITS.maxPushEvents }, () => ({
      type: 'Noted',
      data: { board: 'b', text: 'hi' },
    }));
    for (const [stream, events] of [
      ['board-a', large(15)],
      ['board-b', many],
    ] as const) {
      const { events: recorded } = await store.append(stream, events);
      const response = await server.fetch(
        new Request(`http://sync.test${SYNC_PATHS.push}`, {
          method: 'POST',
          body: JSON.stringify(
            toPushRequest({ scope: DEFAULT_SCOPE, clientId: store.clientId }, recorded),
          ),
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ results: [{ stream, status: 'accepted' }] });
    }
    await store.close();
  });

  it('refuses a maxEventBytes option above the shared limit, or not a size', async () => {
    for (const maxEventBytes of [LIMITS.maxEventBytes + 1, 0, 1.5, '1kb']) {
      await expect(open({ maxEventBytes: maxEventBytes as number })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'maxEventBytes',
      });
    }
    const small = await open({ maxEventBytes: 100 });
    await expect(
      small.append('board-a', [{ type: 'Noted', data: { board: 'a', text: 'x'.repeat(100) } }]),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'events[0].data' });
    await small.close();
  });
});

describe('an import is held to the store’s rules', () => {
  async function exportedLine(): Promise<Record<string, unknown>> {
    const source = await open();
    await source.append('board-a', [{ type: 'Noted', data: { board: 'a', text: 'hi' } }]);
    const line = JSON.parse(await exportAll(source));
    await source.close();
    return line;
  }

  it('refuses events the domain schemas or the store size limit refuse', async () => {
    const line = await exportedLine();
    const cases: [Record<string, unknown>, RegExp, number?][] = [
      [{ ...line, type: 'Erased' }, /^type: "Erased" is not an event type/],
      [{ ...line, data: { board: 'a' } }, /^data\.text: /],
      [
        { ...line, data: { board: 'a', text: 'x'.repeat(200) } },
        /^data: is \d+ bytes, over the limit of 100/,
        100,
      ],
    ];
    for (const [bad, reason, maxEventBytes] of cases) {
      const store = await open({ maxEventBytes });
      await expect(store.importLog(`${JSON.stringify(bad)}\n`)).rejects.toMatchObject({
        name: 'ImportError',
        line: 1,
        reason: expect.stringMatching(reason),
      });
      expect(await store.headPosition()).toBe(0);
      await store.close();
    }
  });
});

describe('events stored before the rules', () => {
  it('are read, exported and refused on import, without a RangeError', async () => {
    const name = `write-rules-${++stores}`;
    const store = await openStore({
      name,
      domain: defineDomain({ aggregates: [], projections: [] }),
    });
    // As an older version stored it: nested far deeper than the rules now allow.
    const db = new LogbookDatabase(name);
    await db.events.add({
      id: 'legacy-1',
      stream: 'legacy',
      version: 1,
      serverPosition: 1,
      type: 'Noted',
      data: nested(1_000) as never,
      metadata: deviceMetadata(),
    } as never);
    db.close();
    expect(await store.readStream('legacy')).toHaveLength(1);
    expect((await store.readAll()).events[0]?.data).toEqual(nested(1_000));
    const text = await exportAll(store);
    const copy = await open();
    await expect(copy.importLog(text)).rejects.toMatchObject({
      name: 'ImportError',
      line: 1,
      reason: expect.stringMatching(/^data(\.a)+: nests deeper than/),
    });
    await Promise.all([store.close(), copy.close()]);
  });
});
