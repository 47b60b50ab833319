import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyProjection, ProjectionName } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import { replayProjection } from '../../src/core/projection';
import type { LogbookStore } from '../../src/core/store';
import { type ShopDomain, shopDomain } from '../../src/demo/domain/shop';
import { openStore } from '../../worker/store/openStore';
import { shopCommands } from '../shopArbitraries';

const command = shopCommands({
  orderIds: ['o1', 'o2', 'o3'],
  products: 7,
  quantity: { min: 0, max: 5 },
});

async function wholeLog(store: LogbookStore<ShopDomain>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.readAll({ after, limit: 7 });
    events.push(...page.events);
    ({ lastPosition: after, hasMore } = page);
  }
  return events;
}

let runs = 0;

describe('projections (property)', () => {
  it('every projection equals a from-scratch replay of the log, for any command sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }),
        async (commands) => {
          const store = await openStore({ name: `property-${++runs}`, domain: shopDomain });
          for (const next of commands) {
            await store.execute(next).catch((error: Error) => {
              if (error.name !== 'CommandRejectedError') throw error;
            });
          }
          const log = await wholeLog(store);
          for (const projection of shopDomain.projections as readonly AnyProjection[]) {
            const replayed = replayProjection(projection, log);
            const expected = [...replayed.entries()]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([, view]) => view);
            expect(await store.list(projection.name as ProjectionName<ShopDomain>)).toEqual(
              expected,
            );
          }
          await store.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
