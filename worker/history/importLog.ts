import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import { type ExportedEvent, parseNdjson } from '../../src/core/ndjson';
import type { EventRules } from '../../src/core/validation';
import type { EventRow, LogbookDatabase } from '../db/database';
import { asPending, isPending } from '../db/syncStates';
import { applyProjections } from '../projections/applyProjections';
import { writeTables } from '../write/writeEvents';

/**
 * Imports an NDJSON export into an empty store, in one transaction: every line is checked first
 * (each event under the same `rules` as an append), so a bad line imports nothing. Events keep
 * their state and server positions (a later pull recognises them): settled ones settle in the
 * order the exporting device settled them (by server position in an export made before scopes
 * each had their own positions), accepted ones wait to be pulled back, pending ones to be pushed.
 * The views are those of the exporting device: a replay in the same replay order.
 */
export async function importLog(
  db: LogbookDatabase,
  domain: Domain,
  ndjson: string,
  rules: EventRules,
): Promise<{ imported: number }> {
  if (typeof ndjson !== 'string') {
    throw new ValidationError({ field: 'ndjson', reason: 'must be the text of an export' });
  }
  const events = parseNdjson(ndjson, rules);
  return db.transaction('rw', writeTables(db), async () => {
    if ((await db.events.limit(1).primaryKeys()).length > 0) {
      throw new ValidationError({
        field: 'store',
        reason: 'must be empty to import a log into it',
      });
    }
    const settleOrder = settleOrderOf(events);
    const rows = events.map(({ settled: _, ...event }, i): Omit<EventRow, 'position'> => {
      if (isPending(event)) return asPending(event as EventRow);
      const settled = settleOrder.get(i);
      return settled === undefined ? { ...event, sync: 'accepted' } : { ...event, settled };
    });
    const positions = await db.events.bulkAdd(rows as EventRow[], { allKeys: true });
    const recorded = events.map((event, i) =>
      db.recorded({ ...event, position: positions[i] as number } as EventRow),
    );
    const settled = [...settleOrder.keys()].map((i) => recorded[i] as RecordedEvent);
    const unsettled = recorded.filter((_, i) => !settleOrder.has(i));
    await applyProjections(db, domain.projections, settled, 'settled');
    await applyProjections(db, domain.projections, unsettled, 'unsettled');
    return { imported: recorded.length };
  });
}

/**
 * The settled events of an export (by line index), each with its settle order here: 1, 2, 3 in
 * the order the lines give (by server position in an export without it). In settle order, as a
 * map iterates in the order it was filled.
 */
function settleOrderOf(events: readonly ExportedEvent[]): Map<number, number> {
  const settled = events.flatMap((event, i) =>
    event.serverPosition !== null && event.settled !== null ? [{ event, i }] : [],
  );
  const placeOf = ({ event }: (typeof settled)[number]) =>
    event.settled ?? (event.serverPosition as number);
  settled.sort((a, b) => placeOf(a) - placeOf(b));
  return new Map(settled.map(({ i }, order) => [i, order + 1]));
}
