import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/limits';
import { freshName, increment, type StoreFactory, type TestStore } from './factory';
import { exportAll } from './history';

/** Objects nested `levels` deep: `{ a: { a: ... } }`. */
export function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Where `findJsonProblem` stops in `nested(n)` for any n over the limit. */
const tooDeep = (field: string) => `${field}${'.a'.repeat(LIMITS.maxJsonDepth)}`;

/** Data with an own `__proto__` key, as JSON.parse makes it (a literal would set the prototype). */
const withProto = () => JSON.parse('{"counter":"a","by":1,"__proto__":{"admin":true}}');

/** Refused with a ValidationError naming `field`, and nothing stored or changed. */
async function expectRefused(store: TestStore, attempt: Promise<unknown>, field: string) {
  await expect(attempt).rejects.toMatchObject({ name: 'ValidationError', field });
  expect(await store.headPosition()).toBe(0);
  expect(await store.list('totals')).toEqual([]);
}

export function validationFeatures(factory: StoreFactory) {
  describe('bad input', () => {
    const cyclic: Record<string, unknown> = { counter: 'a' };
    cyclic.self = cyclic;

    const cases: { label: string; stream: unknown; events: unknown; field: string }[] = [
      { label: 'a missing stream', stream: '', events: [increment('a')], field: 'stream' },
      { label: 'a stream that is not text', stream: 42, events: [increment('a')], field: 'stream' },
      { label: 'no events', stream: 'counter-a', events: [], field: 'events' },
      { label: 'events that are not a list', stream: 'counter-a', events: 'nope', field: 'events' },
      {
        label: 'an event with no type',
        stream: 'counter-a',
        events: [{ data: {} }],
        field: 'events[0].type',
      },
      {
        label: 'a type that is not text',
        stream: 'counter-a',
        events: [{ type: 7, data: {} }],
        field: 'events[0].type',
      },
      {
        label: 'missing data',
        stream: 'counter-a',
        events: [{ type: 'X' }],
        field: 'events[0].data',
      },
      {
        label: 'a function',
        stream: 'counter-a',
        events: [increment('a'), { type: 'X', data: { run: () => 1 } }],
        field: 'events[1].data.run',
      },
      {
        label: 'undefined',
        stream: 'counter-a',
        events: [{ type: 'X', data: { list: [1, undefined] } }],
        field: 'events[0].data.list[1]',
      },
      {
        label: 'a cycle',
        stream: 'counter-a',
        events: [{ type: 'X', data: cyclic }],
        field: 'events[0].data.self',
      },
      {
        label: 'NaN',
        stream: 'counter-a',
        events: [{ type: 'X', data: { n: Number.NaN } }],
        field: 'events[0].data.n',
      },
      {
        label: 'a Date',
        stream: 'counter-a',
        events: [{ type: 'X', data: { at: new Date() } }],
        field: 'events[0].data.at',
      },
      {
        label: 'an oversized event',
        stream: 'counter-a',
        events: [{ type: 'X', data: { blob: 'x'.repeat(70_000) } }],
        field: 'events[0].data',
      },
      {
        label: 'data nested 2,500 deep',
        stream: 'counter-a',
        events: [{ type: 'X', data: nested(2_500) }],
        field: tooDeep('events[0].data'),
      },
      {
        label: 'data nested 10,000 deep',
        stream: 'counter-a',
        events: [{ type: 'X', data: nested(10_000) }],
        field: tooDeep('events[0].data'),
      },
      {
        label: 'an own __proto__ key in data',
        stream: 'counter-a',
        events: [{ type: 'X', data: withProto() }],
        field: 'events[0].data.__proto__',
      },
      {
        label: 'a symbol key in data',
        stream: 'counter-a',
        events: [{ type: 'X', data: { counter: 'a', [Symbol('tag')]: 1 } }],
        field: 'events[0].data',
      },
      {
        label: 'a symbol key on an event',
        stream: 'counter-a',
        events: [{ ...increment('a'), [Symbol('tag')]: 1 }],
        field: 'events[0][Symbol(tag)]',
      },
      {
        label: 'an unknown field on an event',
        stream: 'counter-a',
        events: [increment('a'), { ...increment('a'), extra: () => 1 }],
        field: 'events[1].extra',
      },
      {
        label: 'an unknown metadata field',
        stream: 'counter-a',
        events: [{ ...increment('a'), metadata: { correlationId: 'c', tenant: 't' } }],
        field: 'events[0].metadata.tenant',
      },
      {
        label: 'a type longer than the server takes',
        stream: 'counter-a',
        events: [{ type: 'T'.repeat(LIMITS.maxTypeLength + 1), data: {} }],
        field: 'events[0].type',
      },
      {
        label: 'more events than one push carries',
        stream: 'counter-a',
        events: Array.from({ length: LIMITS.maxPushEvents + 1 }, () => increment('a')),
        field: 'events',
      },
      {
        label: 'events that together do not fit in one push',
        stream: 'counter-a',
        events: Array.from({ length: 20 }, () => ({
          type: 'X',
          data: { blob: 'x'.repeat(60_000) },
        })),
        field: 'events',
      },
      {
        label: 'the same id twice',
        stream: 'counter-a',
        events: [
          { ...increment('a'), id: 'x1' },
          { ...increment('a'), id: 'x1' },
        ],
        field: 'events',
      },
    ];

    it.each(cases)(
      'refuses $label, naming $field, and stores nothing',
      async ({ stream, events, field }) => {
        const store = await factory.open(freshName());
        await expect(store.append(stream as string, events as never)).rejects.toMatchObject({
          name: 'ValidationError',
          field,
        });
        expect(await store.headPosition()).toBe(0);
        await store.close();
      },
    );

    it.each([-1, 1.5, Number.NaN, 'bogus', null, Number.POSITIVE_INFINITY])(
      'refuses the expected version %s by name, and stores nothing',
      async (expectedVersion) => {
        const store = await factory.open(freshName());
        await expectRefused(
          store,
          store.append('counter-a', [increment('a')], { expectedVersion } as never),
          'expectedVersion',
        );
        await store.close();
      },
    );

    it('takes null options as the defaults, and names options that are not an object', async () => {
      const store = await factory.open(freshName());
      const appended = await store.append('counter-a', [increment('a')], null as never);
      expect(appended.nextExpectedVersion).toBe(1);
      expect(await store.readStream('counter-a', null as never)).toEqual(appended.events);
      expect((await store.readAll(null as never)).events).toEqual(appended.events);
      expect(await store.list('totals', null as never)).toEqual([{ counter: 'a', value: 1 }]);
      expect((await store.exportLog(null as never)).ndjson.split('\n')).toHaveLength(2);
      const refusals: [Promise<unknown>, string][] = [
        [store.append('counter-a', [increment('a')], 'any' as never), 'options'],
        [store.append('counter-a', [increment('a')], { expected: 1 } as never), 'expected'],
        [store.readStream('counter-a', 5 as never), 'options'],
        [store.readAll([] as never), 'options'],
        [store.readAll({ type: 'Incremented' } as never), 'type'],
        [store.list('totals', 'all' as never), 'options'],
      ];
      for (const [attempt, field] of refusals) {
        await expect(attempt).rejects.toMatchObject({ name: 'ValidationError', field });
      }
      expect(await store.headPosition()).toBe(1);
      await store.close();
    });

    it('refuses bad list queries by name', async () => {
      const store = await factory.open(freshName());
      await store.append('counter-a', [increment('a')]);
      const queries: [unknown, string][] = [
        [{ limit: -1 }, 'limit'],
        [{ limit: 1.5 }, 'limit'],
        [{ offset: 'x' }, 'offset'],
        [{ offset: -2 }, 'offset'],
        [{ index: 'parity', equals: { odd: true } }, 'equals'],
        [{ index: 'value', from: Number.NaN }, 'from'],
        [{ index: 'value', to: [1] }, 'to'],
        [{ equals: 'odd' }, 'equals'],
        [{ index: 'colour' }, 'index'],
        [{ reverse: 'yes' }, 'reverse'],
        [{ sort: 'key' }, 'sort'],
      ];
      for (const [query, field] of queries) {
        await expect(store.list('totals', query as never)).rejects.toMatchObject({
          name: 'ValidationError',
          field,
        });
      }
      expect(await store.list('totals', { index: 'parity', equals: 'odd', limit: 0 })).toEqual([]);
      await store.close();
    });

    it('refuses commands with unknown fields, symbol keys or data that is not plain JSON', async () => {
      const store = await factory.open(freshName());
      const command = { type: 'Increment', data: { counter: 'a', by: 1 } };
      const refusals: [unknown, string][] = [
        [{ ...command, tenant: 't' }, 'tenant'],
        [{ ...command, onDone: () => 1 }, 'onDone'],
        [{ ...command, [Symbol('tag')]: 1 }, '[Symbol(tag)]'],
        [{ ...command, metadata: { correlationId: 'c', user: 'u' } }, 'metadata.user'],
        [{ ...command, data: { ...command.data, [Symbol('tag')]: 1 } }, 'data'],
        [{ ...command, data: withProto() }, 'data.__proto__'],
        [{ ...command, data: nested(2_500) }, tooDeep('data')],
      ];
      for (const [bad, field] of refusals) {
        await expectRefused(store, store.execute(bad as never), field);
      }
      await store.close();
    });

    it('refuses bad read options by name', async () => {
      const store = await factory.open(freshName());
      await expect(store.readStream('counter-a', { limit: 0 })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'limit',
      });
      await expect(store.readAll({ after: -1 })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'after',
      });
      await expect(
        store.readStream('counter-a', { direction: 'up' } as never),
      ).rejects.toMatchObject({ name: 'ValidationError', field: 'direction' });
      await expect(store.readAll({ types: ['Incremented', 7] } as never)).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'types[1]',
      });
      await expect(store.readAll({ stream: '  ' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'stream',
      });
      await store.close();
    });
  });

  describe('retries compared as JSON', () => {
    it('answers an exact retry of data with constructor keys with the first result', async () => {
      const store = await factory.open(freshName());
      const events = [
        {
          type: 'Noted',
          id: '0190a000-0000-7000-8000-0000000000c1',
          data: { constructor: { name: 'box' }, list: { constructor: [1, 2] } },
        },
      ];
      const original = await store.append('notes-a', events);
      expect(await store.append('notes-a', structuredClone(events))).toEqual(original);
      expect(await store.headPosition()).toBe(1);
      await store.close();
    });

    it('names the stored id when an append only partly overlaps stored events', async () => {
      const store = await factory.open(freshName());
      const stored = { ...increment('a'), id: '0190a000-0000-7000-8000-0000000000c2' };
      const fresh = { ...increment('a'), id: '0190a000-0000-7000-8000-0000000000c3' };
      await store.append('counter-a', [stored]);
      await expect(store.append('counter-a', [stored, fresh])).rejects.toMatchObject({
        name: 'EventIdConflictError',
        eventId: stored.id,
      });
      expect(await store.headPosition()).toBe(1);
      await store.close();
    });
  });

  describe('bad input in an import', () => {
    /** One exported line of `counter-a` +1, as JSON to change. */
    async function exportedLine(): Promise<Record<string, unknown>> {
      const source = await factory.open(freshName());
      await source.append('counter-a', [increment('a')]);
      const text = await exportAll(source);
      await source.close();
      return JSON.parse(text);
    }

    it('accepts a file that starts with a byte order mark', async () => {
      const line = JSON.stringify(await exportedLine());
      const store = await factory.open(freshName());
      expect(await store.importLog(`\uFEFF${line}\n`)).toEqual({ imported: 1 });
      expect(await store.list('totals')).toEqual([{ counter: 'a', value: 1 }]);
      await store.close();
    });

    it('holds every event to the rules an append does, naming the line and field', async () => {
      const line = await exportedLine();
      const withData = (data: string) =>
        JSON.stringify({ ...line, data: '@' }).replace('"@"', data);
      const files: [string, RegExp][] = [
        [withData('{"counter":"a","by":1,"__proto__":{"admin":true}}'), /^data\.__proto__: /],
        [withData(JSON.stringify({ blob: 'x'.repeat(LIMITS.maxEventBytes) })), /^data: .*bytes/],
        [withData(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), /^data(\.a)+: nests deeper/],
        [JSON.stringify({ ...line, stream: '   ' }), /^stream: /],
        [JSON.stringify({ ...line, type: 'T'.repeat(LIMITS.maxTypeLength + 1) }), /^type: /],
        [JSON.stringify({ ...line, position: 4 }), /^position: /],
      ];
      for (const [file, reason] of files) {
        const store = await factory.open(freshName());
        await expect(store.importLog(`${JSON.stringify(line)}\n${file}\n`)).rejects.toMatchObject({
          name: 'ImportError',
          line: 2,
          reason: expect.stringMatching(reason),
        });
        expect(await store.headPosition()).toBe(0);
        expect(await store.list('totals')).toEqual([]);
        await store.close();
      }
    });
  });
}
