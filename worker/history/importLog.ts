import type { Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import { parseNdjson } from '../../src/core/ndjson';
import type { EventRules } from '../../src/core/validation';
import type { EventRow, LogbookDatabase } from '../db/database';
import { asPending, isPending } from '../db/syncStates';
import { applyProjections } from '../projections/applyProjections';
import { writeTables } from '../write/writeEvents';

/**
 * Imports an NDJSON export into an empty store, in one transaction: every line is checked first
 * (each event under the same `rules` as an append), so a bad line imports nothing. Confirmed events keep their server positions (a later pull
 * recognises them); pending ones are pending here too.
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
    const rows = events.map((event) => (isPending(event) ? asPending(event) : event));
    const positions = await db.events.bulkAdd(rows as EventRow[], { allKeys: true });
    const recorded = events.map(
      (event, i) => ({ ...event, position: positions[i] }) as RecordedEvent,
    );
    const confirmed = recorded
      .filter((event) => !isPending(event))
      .sort((a, b) => (a.serverPosition as number) - (b.serverPosition as number));
    const pending = recorded.filter(isPending);
    await applyProjections(db, domain.projections, confirmed, 'settled');
    await applyProjections(db, domain.projections, pending, 'unsettled');
    return { imported: recorded.length };
  });
}
