import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { counter, testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/index';

type Store = Awaited<ReturnType<typeof openStore<typeof testDomain>>>;
/** A few counters most commands share, and enough others that a group reads 8 or more at once. */
const SHARED = ['a', 'b', 'c'];
const MANY = Array.from({ length: 12 }, (_, i) => `n-${String(i).padStart(2, '0')}`);
const COUNTERS = [...SHARED, ...MANY];
const counterName = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SHARED) },
  { weight: 3, arbitrary: fc.constantFrom(...MANY) },
);

/** Increments that may hit the limit or be refused, a projection's poison, an invalid one. */
const command = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('Increment'),
      data: fc.record({
        counter: counterName,
        by: fc.integer({ min: -2, max: 45 }),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('Poison'),
      data: fc.record({ counter: counterName }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'Increment', data: { counter: 'a', by: 'x' } }) },
);

/**
 * Commands with ids, some of them an earlier command's id again: the first `history` of them
 * executed one by one before the rest are issued (so a burst finds some views and streams stored).
 */
const work = fc
  .array(fc.tuple(command, fc.option(fc.nat(), { freq: 5 })), {
    minLength: 1,
    maxLength: 60,
    size: 'max',
  })
  .map((drawn) =>
    drawn.map(([next, reuse], i) => ({
      ...next,
      id: `cmd-${reuse === null ? i : reuse % (i + 1)}`,
    })),
  )
  .chain((all) =>
    fc.integer({ min: 0, max: all.length - 1 }).map((history) => ({
      history: all.slice(0, history),
      issued: all.slice(history),
    })),
  );

async function oneByOne(store: Store, commands: readonly unknown[]) {
  const outcomes: PromiseSettledResult<Awaited<ReturnType<Store['execute']>>>[] = [];
  for (const next of commands) {
    outcomes.push(...(await Promise.allSettled([store.execute(next as never)])));
  }
  return outcomes;
}

/** An event as two stores that did the same work both hold it: without its fresh ids. */
const comparable = ({ stream, version, position, type, data, metadata }: RecordedEvent) => ({
  stream,
  version,
  position,
  type,
  data,
  commandId: metadata.commandId,
});

const outcome = (settled: PromiseSettledResult<{ events: RecordedEvent[]; attempts: number }>) =>
  settled.status === 'fulfilled'
    ? { events: settled.value.events.map(comparable), attempts: settled.value.attempts }
    : {
        error: (settled.reason as Error).name,
        // A projection's refusal names the event, whose id is made fresh in each store.
        message: (settled.reason as Error).message.replace(/\([0-9a-f-]{36}\)/, '(an event)'),
      };

async function everything(store: Store) {
  const { events } = await store.readAll({ limit: 10_000 });
  const views = await Promise.all(COUNTERS.map((counter) => store.get('totals', counter)));
  return { log: events.map(comparable), views };
}

let runs = 0;

describe('group commit (property)', () => {
  it('a burst leaves the log, views and results the same commands one by one do', async () => {
    await fc.assert(
      fc.asyncProperty(work, async ({ history, issued }) => {
        const [burst, sequential] = await Promise.all(
          ['burst', 'sequential'].map((kind) =>
            openStore({ name: `group-property-${kind}-${++runs}`, domain: testDomain }),
          ),
        );
        for (const store of [burst, sequential]) await oneByOne(store as Store, history);
        const together = await Promise.allSettled(
          issued.map((next) => (burst as Store).execute(next as never)),
        );
        const alone = await oneByOne(sequential as Store, issued);

        expect(together.map(outcome)).toEqual(alone.map(outcome));
        expect(await everything(burst as Store)).toEqual(await everything(sequential as Store));
        await Promise.all([burst?.close(), sequential?.close()]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a tab that takes every stream for a new one (startsStream) still writes and answers the same', async () => {
    // Wrong for every stream another tab wrote: each such decision is proven stale as it is
    // written and made again on the stream as read, so only `attempts` may tell.
    const hinted = defineDomain({
      ...testDomain,
      aggregates: [{ ...counter, startsStream: ['Increment', 'Poison'] as const }],
    });
    const withoutAttempts = (
      settled: PromiseSettledResult<{ events: RecordedEvent[]; attempts: number }>,
    ) => {
      const { attempts: _, ...rest } = outcome(settled) as { attempts?: number };
      return rest;
    };
    await fc.assert(
      fc.asyncProperty(work, async ({ history, issued }) => {
        const name = `group-property-hinted-${++runs}`;
        const before = await openStore({ name, domain: testDomain });
        await oneByOne(before as Store, history);
        const tab = await openStore({ name, domain: hinted });
        const sequential = await openStore({
          name: `group-property-sequential-${runs}`,
          domain: testDomain,
        });
        await oneByOne(sequential as Store, history);
        const together = await Promise.allSettled(
          issued.map((next) => (tab as unknown as Store).execute(next as never)),
        );
        const alone = await oneByOne(sequential as Store, issued);

        expect(together.map(withoutAttempts)).toEqual(alone.map(withoutAttempts));
        expect(await everything(tab as unknown as Store)).toEqual(
          await everything(sequential as Store),
        );
        await Promise.all([before.close(), tab.close(), sequential.close()]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
