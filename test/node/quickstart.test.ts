import { readFile } from 'node:fs/promises';
import { CommandRejectedError } from 'logbook';
import { createTestStore, deciderSpec } from 'logbook/testing';
import { describe, expect, it } from 'vitest';
import { counterDomain } from '../quickstart/domain';

const [counter] = counterDomain.aggregates;
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

describe("the README's quick start", () => {
  it('shows each of its files as it stands', async () => {
    const blocks = [...readme.matchAll(/<!-- file: (\S+) -->\n```tsx?\n([\s\S]*?)\n```/g)];
    expect(blocks.map(([, path]) => path)).toEqual([
      'test/quickstart/domain.ts',
      'test/quickstart/store.worker.ts',
      'test/quickstart/Counter.tsx',
    ]);
    for (const [, path, code] of blocks) {
      const file = await readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(code, path).toBe(file.trimEnd());
    }
  });

  it('runs its domain: commands through the decider, a live total, a rule kept', async () => {
    const store = await createTestStore(counterDomain);
    await store.execute({ type: 'Increment', data: { counter: 'a', by: 60 } });
    await store.execute({ type: 'Increment', data: { counter: 'a', by: 40 } });
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 100 });
    await expect(
      store.execute({ type: 'Increment', data: { counter: 'a', by: 1 } }),
    ).rejects.toBeInstanceOf(CommandRejectedError);
    expect((await store.readStream('counter-a')).map((event) => event.version)).toEqual([1, 2]);
    await store.close();
  });

  it('tests its decider with given/when/then', () => {
    const incremented = (by: number) =>
      ({ type: 'Incremented', data: { counter: 'a', by } }) as const;
    const increment = (by: number) => ({ type: 'Increment', data: { counter: 'a', by } }) as const;
    deciderSpec(counter)
      .given([incremented(99)])
      .when(increment(1))
      .then([incremented(1)]);
    deciderSpec(counter)
      .given([incremented(99)])
      .when(increment(2))
      .thenRejects('A counter cannot go above 100');
  });
});
