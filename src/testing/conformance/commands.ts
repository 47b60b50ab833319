import { describe, expect, it } from 'vitest';
import { freshName, increment, type StoreFactory } from './factory';

export function commandFeatures(factory: StoreFactory) {
  describe('commands', () => {
    it('decides on the current state and appends at the loaded version', async () => {
      const store = await factory.open(freshName());
      const result = await store.execute({ type: 'Increment', data: { counter: 'a', by: 40 } });
      await store.execute({ type: 'Increment', data: { counter: 'a', by: 2 } });
      expect(result.attempts).toBe(1);
      expect(result.events).toMatchObject([
        { stream: 'counter-a', version: 1, type: 'Incremented', data: { counter: 'a', by: 40 } },
      ]);
      expect(result.events[0]?.metadata).toMatchObject({
        commandId: result.commandId,
        correlationId: result.commandId,
        causationId: result.commandId,
      });
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 42 });
      await store.close();
    });

    it('rejects a command that breaks a rule with its reason, appending nothing', async () => {
      const store = await factory.open(freshName());
      await store.execute({ type: 'Increment', data: { counter: 'a', by: 90 } });
      await expect(
        store.execute({ type: 'Increment', id: 'too-far', data: { counter: 'a', by: 20 } }),
      ).rejects.toMatchObject({
        name: 'CommandRejectedError',
        reason: 'A counter cannot go above 100',
        commandType: 'Increment',
        commandId: 'too-far',
      });
      expect(await store.readStream('counter-a')).toHaveLength(1);
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 90 });
      await store.close();
    });

    it('executes a command id once: a repeat returns the first result', async () => {
      const store = await factory.open(freshName());
      const command = { type: 'Increment', id: 'cmd-1', data: { counter: 'a', by: 3 } } as const;
      const first = await store.execute(command);
      const repeat = await store.execute(command);
      expect(repeat).toEqual({ ...first, attempts: 0 });
      expect(await store.readStream('counter-a')).toHaveLength(1);
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 3 });
      await store.close();
    });

    it('answers a repeated command id with its first result even where it would now be refused', async () => {
      const store = await factory.open(freshName());
      const command = { type: 'Increment', id: 'cmd-2', data: { counter: 'a', by: 60 } } as const;
      const first = await store.execute(command);
      // Deciding it again would take the counter over its limit of 100.
      expect(await store.execute(command)).toEqual({ ...first, attempts: 0 });
      expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 60 });
      await store.close();
    });

    it('lets two stores on one database race: one append wins, the other is told why', async () => {
      const name = freshName();
      const [left, right] = await Promise.all([factory.open(name), factory.open(name)]);
      await left.append('counter-a', [increment('a')]);
      const outcomes = await Promise.allSettled([
        left.append('counter-a', [increment('a', 2)], { expectedVersion: 1 }),
        right.append('counter-a', [increment('a', 3)], { expectedVersion: 1 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [failure] = outcomes.filter((o) => o.status === 'rejected');
      expect(failure?.reason).toMatchObject({
        name: 'WrongExpectedVersionError',
        stream: 'counter-a',
        expected: 1,
        actual: 2,
      });
      expect((await right.readStream('counter-a')).map((e) => e.version)).toEqual([1, 2]);
      await Promise.all([left.close(), right.close()]);
    });

    it('retries a command that lost the race through its decider, leaving no gap', async () => {
      const name = freshName();
      const [left, right] = await Promise.all([factory.open(name), factory.open(name)]);
      const results = await Promise.all(
        [left, right, left, right].map((store) =>
          store.execute({ type: 'Increment', data: { counter: 'a', by: 1 } }),
        ),
      );
      expect(results.map((r) => r.attempts).reduce((a, b) => a + b)).toBeGreaterThan(4);
      expect((await left.readStream('counter-a')).map((e) => e.version)).toEqual([1, 2, 3, 4]);
      expect(await right.get('totals', 'a')).toEqual({ counter: 'a', value: 4 });
      await Promise.all([left.close(), right.close()]);
    });

    it('names the field of a bad command and writes nothing', async () => {
      const store = await factory.open(freshName());
      const bad = (command: unknown) => store.execute(command as never);
      await expect(bad({ type: 'Explode', data: {} })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'type',
      });
      await expect(
        bad({ type: 'Increment', data: { counter: 'a', by: 'two' } }),
      ).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'data.by',
      });
      await expect(bad({ type: 'Increment' })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'data',
      });
      await expect(bad({ data: {} })).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'type',
      });
      expect(await store.headPosition()).toBe(0);
      await store.close();
    });
  });
}
