import { describe, expect, it } from 'vitest';
import { freshName, increment, type StoreFactory } from './factory';

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
      await store.close();
    });
  });
}
