import type { Domain } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import { type AppendContext, appendStreams, type StreamAppend } from '../log/appendStreams';
import { applyProjections } from '../projections/applyProjections';
import type { CommandRow, LogbookDatabase } from './database';

/** Every table a local write touches. */
export function writeTables(db: LogbookDatabase) {
  return [db.events, db.views, db.projections, db.commands, db.viewBases, db.snapshots];
}

/**
 * The one local write path: appends to the log and updates every projection in a single IndexedDB
 * transaction, so a reader never sees the log and the views disagree. New events are pending until
 * a server confirms them. With a `command`, its record is written in the same transaction;
 * `beforeWrite` runs first inside it and may throw to abort.
 */
export async function writeEvents(
  db: LogbookDatabase,
  domain: Domain,
  appends: StreamAppend[],
  context: AppendContext,
  command?: { row: (events: RecordedEvent[]) => CommandRow; beforeWrite: () => Promise<void> },
): Promise<RecordedEvent[][]> {
  return db.transaction('rw', writeTables(db), async () => {
    await command?.beforeWrite();
    const { recorded, isRetry } = await appendStreams(db, appends, context);
    const events = recorded.flat();
    if (!isRetry) await applyProjections(db, domain.projections, events, 'tentative');
    if (command) await db.commands.add(command.row(events));
    const snapshots = appends.flatMap((append) => append.snapshot ?? []);
    if (!isRetry && snapshots.length > 0) await db.snapshots.bulkPut(snapshots);
    return recorded;
  });
}
