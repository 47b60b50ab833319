import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexedDbStorage } from '../../../src/mocks/indexedDbStorage';
import { eventAt } from '../../../src/testing/conformance/syncStorage/fixtures';

let databases = 0;

/** Ids that sort among each other, so a lookup's range holds stored ids that were not asked for. */
const idFrom = (n: number) => `event-${String(n).padStart(3, '0')}`;

describe("the mock server's IndexedDB storage looks events up by id", () => {
  it('finds exactly the stored ones among any ids, however many stored ids lie between them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(150), { minLength: 20, maxLength: 120, size: 'max' }),
        fc.uniqueArray(fc.nat(150), { maxLength: 12 }),
        async (stored, asked) => {
          const storage = indexedDbStorage(`mock-events-by-id-${++databases}`);
          const events = stored.map((n, i) => ({ ...eventAt('stream', i + 1), id: idFrom(n) }));
          await storage.exclusive('scope', (tx) => tx.append(events));
          const found = await storage.exclusive('scope', (tx) => tx.eventsById(asked.map(idFrom)));
          await storage.close();

          const expected = events.filter((event) => asked.includes(Number(event.id.slice(6))));
          const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
          expect(found.map(({ position: _, ...event }) => event).sort(byId)).toEqual(
            expected.map((event) => ({ ...event, scope: 'scope' })).sort(byId),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
