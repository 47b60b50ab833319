import { type DBCore, type DBCoreTransaction, Dexie, type Middleware } from 'dexie';
import fc from 'fast-check';
import { defineAggregate, defineDomain, defineProjection, type ListQuery } from 'logbook';
import { connectLogbook, type LogbookClient } from 'logbook/client';
import { exposeStore, openStore } from 'logbook/worker';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

type CounterEvent =
  | { type: 'Set'; data: { counter: string; value: number } }
  | { type: 'Removed'; data: { counter: string } };

const counter = defineAggregate({
  name: 'counter',
  commands: {
    Set: z.object({ counter: z.string(), value: z.number().int() }),
    Remove: z.object({ counter: z.string() }),
  },
  streamOf: (command) => `counter-${command.data.counter}`,
  initialState: () => ({}),
  evolve: (state) => state,
  decide: (command): CounterEvent[] =>
    command.type === 'Set'
      ? [{ type: 'Set', data: command.data }]
      : [{ type: 'Removed', data: command.data }],
});

type Total = { counter: string; value: number };

/** Counters by value, listable by parity and by value; a removed counter's view is deleted. */
const totals = defineProjection<Total, CounterEvent>()({
  name: 'totals',
  version: 1,
  key: (event) => event.data.counter,
  indexes: {
    parity: (view) => (view.value % 2 === 0 ? 'even' : 'odd'),
    value: (view) => view.value,
  },
  on: {
    Set: (_, event) => ({ counter: event.data.counter, value: event.data.value }),
    Removed: () => null,
  },
});

const domain = defineDomain({ aggregates: [counter], projections: [totals] });
type Client = LogbookClient<typeof domain>;

/**
 * Reads and writes of the `views` table Dexie makes, seen below the store: reads in read-only
 * transactions (a query's, never a write's), and the rows of puts made. A put of a row
 * `abortAfter` takes aborts its transaction once it is made (as a full disk or a crash would:
 * a write commits as soon as its last request is made, so no later abort can come from it).
 */
const viewTraffic = {
  queryReads: 0,
  puts: [] as { projection: string; key: string; value: unknown }[],
  abortAfter: (_row: { value: unknown }) => false,
};
const countViewTraffic: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'CountViewTraffic',
  create: (down) => {
    const readOnly = new WeakSet<DBCoreTransaction>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const trans = down.transaction(stores, mode, options);
        if (mode === 'readonly') readOnly.add(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'views') return table;
        const read =
          <Req extends { trans: DBCoreTransaction }, Res>(call: (req: Req) => Promise<Res>) =>
          (req: Req) => {
            if (readOnly.has(req.trans)) viewTraffic.queryReads++;
            return call(req);
          };
        return {
          ...table,
          get: read(table.get),
          getMany: read(table.getMany),
          query: read(table.query),
          openCursor: read(table.openCursor),
          count: read(table.count),
          mutate(req) {
            const res = table.mutate(req);
            if (req.type === 'put') {
              viewTraffic.puts.push(...req.values);
              if (req.values.some(viewTraffic.abortAfter)) req.trans.abort();
            }
            return res;
          },
        };
      },
    };
  },
};
Dexie.addons.push((db) => db.use(countViewTraffic));

let databases = 0;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** A worker served over a MessageChannel, and its client, on a new database (or `name`'s). */
async function connect(name = `live-views-${++databases}`) {
  const channel = new MessageChannel();
  exposeStore(domain, { endpoint: channel.port1 });
  const client = await connectLogbook<typeof domain>(channel.port2, { name });
  closing.push(() => client.close().then(() => channel.port1.close()));
  return { client, name };
}

/** Every result a live read sends, and a way to wait for one. */
function watch(client: Client, read: Parameters<Client['watch']>[0]) {
  const seen: unknown[] = [];
  const waiting = new Set<() => void>();
  const stop = client.watch(read, (result) => {
    seen.push('value' in result ? result.value : result.error);
    for (const check of waiting) check();
  });
  closing.unshift(async () => stop());
  return {
    seen,
    /**
     * Resolves with the first result (already sent or to come) that `accept` takes; with
     * undefined if none came within `ms`.
     */
    until: (accept: (value: unknown) => boolean, ms = 5000) =>
      new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          resolve(undefined);
        }, ms);
        const check = () => {
          const found = seen.findIndex(accept);
          if (found === -1) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(seen[found]);
        };
        waiting.add(check);
        check();
      }),
  };
}

const set = (counter: string, value: number) =>
  ({ type: 'Set', data: { counter, value } }) as const;
const remove = (counter: string) => ({ type: 'Remove', data: { counter } }) as const;
const countOf = (seen: unknown) => (seen as Total | undefined)?.value;

/** Lets every message on its way, and every read the worker started, land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('live views fed by the write', () => {
  it("a watched get and list show a local command's effect", async () => {
    const { client } = await connect();
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    const all = watch(client, { method: 'list', args: ['totals'] });
    await one.until((value) => value === undefined);

    await client.execute(set('a', 2));
    await client.execute(set('b', 3));

    expect(await one.until((value) => countOf(value) === 2)).toEqual({ counter: 'a', value: 2 });
    expect(await all.until((value) => (value as Total[]).length === 2)).toEqual([
      { counter: 'a', value: 2 },
      { counter: 'b', value: 3 },
    ]);
    await settle();
    // Each change once: nothing sent twice, b's command changed nothing `get a` shows.
    expect(one.seen).toEqual([undefined, { counter: 'a', value: 2 }]);
  });

  it('a watched get reads nothing from IndexedDB after a local write: the write hands it over', async () => {
    const { client } = await connect();
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    await one.until((value) => value === undefined);
    await settle();
    const before = viewTraffic.queryReads;

    for (let value = 1; value <= 5; value++) {
      await client.execute(set('a', value));
      await one.until((seen) => countOf(seen) === value);
    }
    await settle();

    expect(viewTraffic.queryReads).toBe(before);
    expect(one.seen.map(countOf)).toEqual([undefined, 1, 2, 3, 4, 5]);
  });

  it('a write to a long watched list crosses to the page as the rows it changed, not the list', async () => {
    const { client } = await connect();
    const all = watch(client, { method: 'list', args: ['totals', { index: 'value' }] });
    await all.until((value) => (value as Total[]).length === 0);
    const counters = Array.from({ length: 200 }, (_, i) => `counter-${i}`);
    for (const [i, name] of counters.entries()) await client.execute(set(name, i * 2));
    const list = (await all.until((value) => (value as Total[]).length === 200)) as Total[];
    await settle();

    // Every message on every port (a live read's listener has a port of its own), as JSON.
    const postedSizes: number[] = [];
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args) {
      postedSizes.push(JSON.stringify(args[0])?.length ?? 0);
      return post.apply(this, args as Parameters<typeof post>);
    };
    await client.execute(set('counter-10', 401)).finally(() => {
      MessagePort.prototype.postMessage = post;
    });
    const moved = (await all.until((value) => (value as Total[]).at(-1)?.value === 401)) as Total[];

    // Everything the command posted (itself, its result, the list's change, ...) is far smaller
    // than the list.
    const posted = postedSizes.reduce((sum, size) => sum + size, 0);
    expect(posted).toBeLessThan(JSON.stringify(list).length / 2);
    expect(moved).toEqual(await client.list('totals', { index: 'value' }));
  });

  it('a live read’s change crosses one way: watching adds one message per change, none answered', async () => {
    const { client } = await connect();
    const messagesDuring = async (work: () => Promise<unknown>) => {
      let count = 0;
      const post = MessagePort.prototype.postMessage;
      MessagePort.prototype.postMessage = function (this: MessagePort, ...args) {
        count++;
        return post.apply(this, args as Parameters<typeof post>);
      };
      try {
        await work();
        await settle();
      } finally {
        MessagePort.prototype.postMessage = post;
      }
      return count;
    };
    const unwatched = await messagesDuring(() => client.execute(set('a', 1)));
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    await one.until((seen) => countOf(seen) === 1);
    await settle();

    const watched = await messagesDuring(async () => {
      await client.execute(set('a', 2));
      await one.until((seen) => countOf(seen) === 2);
    });

    expect(watched).toBe(unwatched + 1);
  });

  it('a live list is a new frozen array each time, its untouched items the same objects', async () => {
    const { client } = await connect();
    const all = watch(client, { method: 'list', args: ['totals'] });
    await all.until((value) => (value as Total[]).length === 0);
    await client.execute(set('a', 1));
    await client.execute(set('b', 2));
    const before = (await all.until((value) => (value as Total[]).length === 2)) as Total[];

    await client.execute(set('c', 3));
    await client.execute(set('b', 5));
    const after = (await all.until((value) => countOf((value as Total[])[1]) === 5)) as Total[];

    expect(after).toEqual([
      { counter: 'a', value: 1 },
      { counter: 'b', value: 5 },
      { counter: 'c', value: 3 },
    ]);
    expect(after[0]).toBe(before[0]);
    expect(Object.isFrozen(before) && Object.isFrozen(after)).toBe(true);
    expect(() => (after as Total[]).sort((x, y) => y.value - x.value)).toThrow(TypeError);
  });

  it('a write that aborts never reaches watchers', async () => {
    const { client } = await connect();
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    const all = watch(client, { method: 'list', args: ['totals'] });
    await one.until((value) => value === undefined);
    await client.execute(set('a', 1));
    await one.until((value) => countOf(value) === 1);

    viewTraffic.abortAfter = (row) => countOf(row.value) === 13;
    await expect(client.execute(set('a', 13))).rejects.toThrow();
    viewTraffic.abortAfter = () => false;
    await client.execute(set('b', 2));
    await all.until((value) => (value as Total[]).length === 2);
    await settle();

    // The view of `a` was put (and its transaction aborted) ...
    expect(viewTraffic.puts).toContainEqual(
      expect.objectContaining({
        projection: 'totals',
        key: 'a',
        value: { counter: 'a', value: 13 },
      }),
    );
    // ... and no watcher ever saw it.
    expect(one.seen.map(countOf)).toEqual([undefined, 1]);
    expect(all.seen.flat().some((view) => countOf(view) === 13)).toBe(false);
    expect(await client.get('totals', 'a')).toEqual({ counter: 'a', value: 1 });
  });

  it("another connection's changes to the same database still arrive (as another tab's)", async () => {
    const { client, name } = await connect();
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    const odd = watch(client, {
      method: 'list',
      args: ['totals', { index: 'parity', equals: 'odd' }],
    });
    await one.until((value) => value === undefined);
    const elsewhere = await openStore({ name, domain });
    closing.push(() => elsewhere.close());

    await elsewhere.execute(set('a', 7));
    await elsewhere.execute(set('b', 9));

    expect(await one.until((value) => countOf(value) === 7)).toEqual({ counter: 'a', value: 7 });
    expect(await odd.until((value) => (value as Total[]).length === 2)).toEqual([
      { counter: 'a', value: 7 },
      { counter: 'b', value: 9 },
    ]);
    await elsewhere.execute(remove('a'));
    expect(await one.until((value) => value === undefined && one.seen.length > 2)).toBe(undefined);
  });

  it('an import (no command of this store) reaches watchers', async () => {
    const source = await connect();
    await source.client.execute(set('a', 4));
    await source.client.execute(set('b', 5));
    const { ndjson } = await source.client.exportLog();
    const { client } = await connect();
    const one = watch(client, { method: 'get', args: ['totals', 'a'] });
    const all = watch(client, { method: 'list', args: ['totals', { index: 'value', from: 5 }] });
    await one.until((value) => value === undefined);

    await client.importLog(ndjson);

    expect(await one.until((value) => value !== undefined)).toEqual({ counter: 'a', value: 4 });
    expect(await all.until((value) => (value as Total[]).length > 0)).toEqual([
      { counter: 'b', value: 5 },
    ]);
  });
});

const counters = ['a', 'b', 'c', 'd', 'e'];
/** A write, by this connection or (`elsewhere`) by another on the same database. */
const write = fc.record({
  change: fc.oneof(
    fc.record({ counter: fc.constantFrom(...counters), value: fc.integer({ min: -3, max: 12 }) }),
    fc.record({ counter: fc.constantFrom(...counters) }),
  ),
  elsewhere: fc.boolean(),
});
const bound = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom('even', 'odd'));
const listQuery: fc.Arbitrary<ListQuery> = fc.oneof(
  fc.record({ reverse: fc.boolean() }, { requiredKeys: [] }),
  fc.record(
    { index: fc.constant('parity'), equals: fc.constantFrom('even', 'odd'), reverse: fc.boolean() },
    { requiredKeys: ['index', 'equals'] },
  ),
  fc.record(
    { index: fc.constant('value'), from: bound, to: bound, reverse: fc.boolean() },
    { requiredKeys: ['index'] },
  ),
  fc.record(
    {
      index: fc.constantFrom('value', 'parity'),
      offset: fc.integer({ min: 0, max: 3 }),
      limit: fc.integer({ min: 0, max: 3 }),
    },
    { requiredKeys: [] },
  ),
);

describe('live lists (property)', () => {
  it("after any writes, this connection's or another's, every live list equals a fresh list", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(listQuery, { minLength: 1, maxLength: 4 }),
        fc.array(write, { minLength: 1, maxLength: 25 }),
        async (queries, writes) => {
          const { client, name } = await connect();
          const other = await openStore({ name, domain });
          closing.push(() => other.close());
          const lists = queries.map((query) =>
            watch(client, { method: 'list', args: ['totals', query] }),
          );
          for (const { change, elsewhere } of writes) {
            await (elsewhere ? other : client).execute(
              'value' in change ? set(change.counter, change.value) : remove(change.counter),
            );
            for (const [i, query] of queries.entries()) {
              const fresh = await client.list('totals', query);
              const last = () => JSON.stringify(lists[i]?.seen.at(-1));
              // Another connection's write, and a window (offset, limit), are read again: give the
              // read time to land.
              await lists[i]?.until(() => last() === JSON.stringify(fresh), 1000);
              expect(lists[i]?.seen.at(-1)).toEqual(fresh);
            }
          }
          for (const close of closing.splice(0)) await close();
        },
      ),
      { numRuns: 30 },
    );
  });
});
