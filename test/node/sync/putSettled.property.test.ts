import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { counter, totals } from '../../../src/testing/conformance/testDomain';
import { type EventRow, LogbookDatabase } from '../../../worker/db/database';
import { markSettled } from '../../../worker/db/syncStates';
import { putSettled } from '../../../worker/settle/putSettled';
import { openStore } from '../../../worker/store/openStore';
import { deviceMetadata } from '../../eventMetadata';
import { engineFor } from './devices';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

/** Notes were `{ note }` at schema version 1; reads give `{ text }`. */
const upcasters = {
  Noted: { 1: (data: unknown) => ({ text: (data as { note: string }).note }) },
};

let databases = 0;

/** Unsettled rows as stored: pending, or accepted at a server position. */
const unsettledRows = fc
  .array(fc.record({ accepted: fc.boolean(), note: fc.string() }), { minLength: 1, maxLength: 20 })
  .map((rows) =>
    rows.map(
      ({ accepted, note }, i): EventRow => ({
        position: i + 1,
        id: uuidv7(),
        stream: `notes-${i % 3}`,
        version: Math.floor(i / 3) + 1,
        type: 'Noted',
        data: { note },
        metadata: deviceMetadata(),
        serverPosition: accepted ? 100 + i : null,
        sync: accepted ? 'accepted' : 'pending',
      }),
    ),
  );

async function databaseOf(rows: readonly EventRow[]) {
  const db = new LogbookDatabase(`put-settled-${++databases}`, upcasters);
  await db.events.bulkAdd(rows.map((row) => ({ ...row })));
  return db;
}

const storedRows = (db: LogbookDatabase): Promise<EventRow[]> =>
  db.events.toCollection().raw().toArray();

describe('settling rows from the rows read', () => {
  it('stores what settling them by position stores: each as stored, not upcast', async () => {
    await fc.assert(
      fc.asyncProperty(
        unsettledRows.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.subarray(rows.map((row) => row.position))),
        ),
        async ([rows, settling]) => {
          const marks = settling.map((position, i) => ({
            position,
            serverPosition: 1 + i,
            settled: 1 + i,
          }));
          const [byPosition, fromRows] = await Promise.all([databaseOf(rows), databaseOf(rows)]);
          await markSettled(byPosition, marks);
          await fromRows.transaction('rw', fromRows.events, async () => {
            const read: EventRow[] = await fromRows.events
              .where(':id')
              .anyOf(settling)
              .raw()
              .toArray();
            const markOf = new Map(marks.map((mark) => [mark.position, mark]));
            await putSettled(
              fromRows,
              read.map((row) => ({ ...(markOf.get(row.position) as (typeof marks)[0]), row })),
            );
          });
          expect(await storedRows(fromRows)).toEqual(await storedRows(byPosition));
          byPosition.close();
          fromRows.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a push settles an event recorded at an older schema version as it was stored', async () => {
    const domain = defineDomain({ aggregates: [counter], projections: [totals], upcasters });
    const name = `put-settled-push-${++databases}`;
    const store = await openStore({ name, domain });
    const old = {
      id: uuidv7(),
      stream: 'notes-1',
      version: 1,
      type: 'Noted',
      data: { note: 'from before the upgrade' },
      metadata: deviceMetadata(store.clientId),
      serverPosition: null,
    };
    const db = new LogbookDatabase(name);
    await db.events.add({ ...old, position: 1, sync: 'pending' } as EventRow);

    await engineFor(store, (input, init) => globalThis.fetch(input, init)).syncNow();

    const stored = await storedRows(db);
    expect(stored).toEqual([{ ...old, position: 1, serverPosition: 1, settled: 1 }]);
    expect(stored[0] && 'sync' in stored[0]).toBe(false);
    expect((await store.readStream('notes-1')).map((event) => event.data)).toEqual([
      { text: 'from before the upgrade' },
    ]);
    db.close();
    await store.close();
  });
});
