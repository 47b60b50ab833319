import { describe, expect, it } from 'vitest';
import type { ExpectedVersion } from '../../core/expectedVersion';
import { freshName, increment, type StoreFactory } from './factory';

export function appendingFeatures(factory: StoreFactory) {
  describe('appending', () => {
    const cases: { expected: ExpectedVersion; existing: number; succeeds: boolean }[] = [
      { expected: 'any', existing: 0, succeeds: true },
      { expected: 'any', existing: 2, succeeds: true },
      { expected: 'no_stream', existing: 0, succeeds: true },
      { expected: 'no_stream', existing: 2, succeeds: false },
      { expected: 'stream_exists', existing: 2, succeeds: true },
      { expected: 'stream_exists', existing: 0, succeeds: false },
      { expected: 0, existing: 0, succeeds: true },
      { expected: 2, existing: 2, succeeds: true },
      { expected: 1, existing: 2, succeeds: false },
      { expected: 3, existing: 2, succeeds: false },
      { expected: 1, existing: 0, succeeds: false },
    ];

    it.each(cases)(
      'expectedVersion $expected on a stream with $existing events: succeeds=$succeeds',
      async ({ expected, existing, succeeds }) => {
        const store = await factory.open(freshName());
        if (existing > 0) {
          await store.append(
            'counter-a',
            Array.from({ length: existing }, () => increment('a')),
          );
        }
        const attempt = store.append('counter-a', [increment('a', 5)], {
          expectedVersion: expected,
        });
        if (succeeds) {
          await expect(attempt).resolves.toMatchObject({ nextExpectedVersion: existing + 1 });
        } else {
          await expect(attempt).rejects.toMatchObject({
            name: 'WrongExpectedVersionError',
            stream: 'counter-a',
            expected,
            actual: existing,
          });
          expect(await store.readStream('counter-a')).toHaveLength(existing);
          expect(await store.get('totals', 'a')).toEqual(
            existing > 0 ? { counter: 'a', value: existing } : undefined,
          );
        }
        await store.close();
      },
    );

    it('numbers versions from 1 without gaps and positions across streams in order', async () => {
      const store = await factory.open(freshName());
      const first = await store.append('counter-a', [increment('a'), increment('a')]);
      const other = await store.append('counter-b', [increment('b')]);
      const second = await store.append('counter-a', [increment('a')], { expectedVersion: 2 });
      expect(first.events.map((e) => e.version)).toEqual([1, 2]);
      expect(second.events.map((e) => e.version)).toEqual([3]);
      expect(second.nextExpectedVersion).toBe(3);
      const positions = [...first.events, ...other.events, ...second.events].map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(4);
      await store.close();
    });

    it('answers with the positions the events are stored at, with two writers at once', async () => {
      const name = freshName();
      const [one, two] = [await factory.open(name), await factory.open(name)];
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? one : two).append(`counter-${i % 3}`, [increment('a'), increment('a')]),
        ),
      );
      const stored = new Map(
        (await one.readAll({ limit: 100 })).events.map((event) => [event.id, event.position]),
      );
      const answered = results.flatMap((result) => result.events);
      expect(answered.map((event) => stored.get(event.id))).toEqual(
        answered.map((event) => event.position),
      );
      expect(stored.size).toBe(12);
      await Promise.all([one.close(), two.close()]);
    });

    it('records ids that sort by time, and metadata', async () => {
      const store = await factory.open(freshName());
      const before = Date.now();
      const { events } = await store.append('counter-a', [
        { ...increment('a'), metadata: { correlationId: 'corr-1', causationId: 'cause-1' } },
        increment('a'),
      ]);
      const [first, second] = events;
      expect(first?.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect((first?.id ?? '') < (second?.id ?? '')).toBe(true);
      expect(first?.metadata).toEqual({
        recordedAt: expect.any(Number),
        clientId: store.clientId,
        commandId: null,
        correlationId: 'corr-1',
        causationId: 'cause-1',
        schemaVersion: 1,
      });
      expect(first?.metadata.recordedAt).toBeGreaterThanOrEqual(before);
      await store.close();
    });

    it('stores a retried append once and answers with the original result', async () => {
      const store = await factory.open(freshName());
      const events = [
        { ...increment('a', 2), id: '0190a000-0000-7000-8000-000000000001' },
        { ...increment('a', 3), id: '0190a000-0000-7000-8000-000000000002' },
      ];
      const original = await store.append('counter-a', events, { expectedVersion: 'no_stream' });
      await store.append('counter-a', [increment('a')]);
      const retried = await store.append('counter-a', events, { expectedVersion: 'no_stream' });
      expect(retried).toEqual(original);
      expect((await store.readStream('counter-a')).map((e) => e.version)).toEqual([1, 2, 3]);
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 6 });
      await store.close();
    });

    it('refuses a stored event id with other content and writes nothing', async () => {
      const store = await factory.open(freshName());
      const id = '0190a000-0000-7000-8000-000000000003';
      await store.append('counter-a', [{ ...increment('a', 2), id }]);
      await expect(
        store.append('counter-a', [{ ...increment('a', 9), id }, increment('a')]),
      ).rejects.toMatchObject({ name: 'EventIdConflictError', eventId: id });
      expect(await store.readStream('counter-a')).toHaveLength(1);
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 2 });
      await store.close();
    });
  });
}
