import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/index';

const increment = (counter: string, by: number, id?: string) =>
  ({ type: 'Increment', data: { counter, by }, ...(id && { id }) }) as const;
const open = () => openStore({ name: `group-${crypto.randomUUID()}`, domain: testDomain });

const outcomeNames = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).name : o.status));

/**
 * Counts the read-write IndexedDB transactions begun while `work` runs. Installed before the store
 * opens: Dexie holds on to the database's `transaction` once open.
 */
function countReadWrites() {
  const begin = vi.spyOn(IDBDatabase.prototype, 'transaction');
  const count = () => begin.mock.calls.filter(([, mode]) => mode === 'readwrite').length;
  return async (work: () => Promise<unknown>) => {
    const before = count();
    await work();
    return count() - before;
  };
}

afterEach(() => vi.restoreAllMocks());

describe('commands issued at once (group commit)', () => {
  it('are written in one transaction, where one after another take one each', async () => {
    const readWriteTransactions = countReadWrites();
    const store = await open();
    await store.projectionsReady();
    const burst = Array.from({ length: 100 }, (_, i) => increment(`c${i % 10}`, 1));

    const together = await readWriteTransactions(() =>
      Promise.all(burst.map((command) => store.execute(command))),
    );
    const oneByOne = await readWriteTransactions(async () => {
      for (const command of burst) await store.execute(command);
    });

    expect(together).toBe(1);
    expect(oneByOne).toBe(100);
    expect(await store.get('totals', 'c0')).toEqual({ counter: 'c0', value: 20 });
    await store.close();
  });

  it('each get their own events, decided on the state the one before left', async () => {
    const store = await open();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.execute(increment(`c${i % 3}`, 1, `cmd-${i}`))),
    );

    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({
        commandId: `cmd-${i}`,
        attempts: 1,
        events: [
          {
            stream: `counter-c${i % 3}`,
            version: Math.floor(i / 3) + 1,
            data: { counter: `c${i % 3}`, by: 1 },
            metadata: { commandId: `cmd-${i}` },
          },
        ],
      });
    }
    const positions = results.map((result) => result.events[0]?.position);
    expect(positions).toEqual([...positions].sort((a = 0, b = 0) => a - b));
    await store.close();
  });

  it('reject at a limit on the state the earlier ones left, and the rest still land', async () => {
    const store = await open();
    // 40 + 40 + 30 is over 100: the third is rejected, the fourth (20) fits on 80.
    const outcomes = await Promise.allSettled([
      store.execute(increment('a', 40)),
      store.execute(increment('a', 40)),
      store.execute(increment('a', 30)),
      store.execute({ type: 'Poison', data: { counter: 'a' } }),
      store.execute(increment('a', 'x' as never)),
      store.execute(increment('a', 20)),
      store.execute(increment('b', 5)),
    ]);

    expect(outcomeNames(outcomes)).toEqual([
      'fulfilled',
      'fulfilled',
      'CommandRejectedError',
      'ProjectionFailedError',
      'ValidationError',
      'fulfilled',
      'fulfilled',
    ]);
    expect(outcomes[2]).toMatchObject({ reason: { reason: 'A counter cannot go above 100' } });
    expect((await store.readStream('counter-a')).map((e) => [e.version, e.data])).toEqual([
      [1, { counter: 'a', by: 40 }],
      [2, { counter: 'a', by: 40 }],
      [3, { counter: 'a', by: 20 }],
    ]);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 100 });
    expect(await store.get('totals', 'b')).toEqual({ counter: 'b', value: 5 });
    await store.close();
  });

  it('answer a command id issued twice in one burst once, and one executed before with its first result', async () => {
    const store = await open();
    const before = await store.execute(increment('a', 1, 'earlier'));

    const [first, again, replayed] = await Promise.all([
      store.execute(increment('a', 2, 'twice')),
      store.execute(increment('a', 2, 'twice')),
      store.execute(increment('a', 1, 'earlier')),
    ]);

    expect(again).toEqual({ ...first, attempts: 0 });
    expect(first.attempts).toBe(1);
    expect(replayed).toEqual({ ...before, attempts: 0 });
    expect((await store.readStream('counter-a')).map((e) => e.metadata.commandId)).toEqual([
      'earlier',
      'twice',
    ]);
    await store.close();
  });

  it('answer a command executed before with its first result, though deciding it again would refuse it', async () => {
    const store = await open();
    const before = await store.execute(increment('a', 100, 'filled'));

    const [replayed, other] = await Promise.all([
      store.execute(increment('a', 100, 'filled')),
      store.execute(increment('b', 1)),
    ]);

    expect(replayed).toEqual({ ...before, attempts: 0 });
    expect(other.events).toHaveLength(1);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 100 });
    await store.close();
  });

  it('decide a duplicate id again when its first in the burst was rejected', async () => {
    const store = await open();
    const outcomes = await Promise.allSettled([
      store.execute(increment('a', 200, 'retried')),
      store.execute(increment('a', 3, 'retried')),
    ]);

    expect(outcomeNames(outcomes)).toEqual(['CommandRejectedError', 'fulfilled']);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 3 });
    await store.close();
  });
});

describe('commands of one burst and another tab', () => {
  it('see what the other tab wrote before the burst, though this tab kept the stream', async () => {
    const name = `group-tabs-${crypto.randomUUID()}`;
    const tab = await openStore({ name, domain: testDomain });
    const other = await openStore({ name, domain: testDomain });
    await tab.execute(increment('a', 50)); // kept by this tab at 50
    await other.execute(increment('a', 45)); // now 95

    const outcomes = await Promise.allSettled([
      tab.execute(increment('a', 10)),
      tab.execute(increment('a', 5)),
    ]);

    expect(outcomeNames(outcomes)).toEqual(['CommandRejectedError', 'fulfilled']);
    expect(await tab.get('totals', 'a')).toEqual({ counter: 'a', value: 100 });
    await Promise.all([tab.close(), other.close()]);
  });
});
