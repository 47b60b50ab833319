import type { Domain } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import { commitIssued } from '../db/commitIssued';
import type { LogbookDatabase, SnapshotRow, ViewBaseRow, ViewRow } from '../db/database';
import { type AppendContext, appendStreams, type StreamAppend } from '../log/appendStreams';
import { foldNewEvents, readyProjections, writeViews } from '../projections/applyProjections';
import { readViewsAhead } from '../projections/readViewsAhead';

/** Every table a local write touches. */
export function writeTables(db: LogbookDatabase) {
  return [db.events, db.views, db.projections, db.commands, db.viewBases, db.snapshots];
}

/** The events to append as they will be recorded, but for what only the write gives them. */
function drafts(appends: readonly StreamAppend[]): RecordedEvent[] {
  return appends.flatMap(({ stream, events }) =>
    events.map(
      (event) =>
        ({
          ...event,
          id: event.id ?? '',
          stream,
          version: 0,
          position: 0,
          serverPosition: null,
          metadata: { ...event.metadata },
        }) as RecordedEvent,
    ),
  );
}

/**
 * The one local write path: appends to the log and updates every projection in a single IndexedDB
 * transaction, so a reader never sees the log and the views disagree. New events are pending until
 * a server confirms them. `alongside` (a command's records) runs inside the same transaction,
 * side by side with the append, and may throw to abort it.
 */
export async function writeEvents(
  db: LogbookDatabase,
  domain: Domain,
  appends: StreamAppend[],
  context: AppendContext,
  alongside?: () => Promise<void>,
): Promise<RecordedEvent[][]> {
  // Independent requests go out together: IndexedDB runs them in order, and the transaction
  // waits one round trip for each group rather than one per request.
  return db.transaction('rw', writeTables(db), async (transaction) => {
    const readFirst = {
      ready: readyProjections(db, domain.projections),
      ahead: readViewsAhead(db, domain.projections, drafts(appends)),
    };
    const [, { recorded, isRetry }] = await Promise.all([
      alongside?.(),
      appendStreams(db, appends, context),
      readFirst.ready,
      ...readFirst.ahead.values(),
    ]);
    if (isRetry) return recorded;
    const folds = await foldNewEvents(db, recorded.flat(), readFirst);
    // Issued on the transaction's own tables, whatever the async context, then committed at once:
    // every request left is a put, or an add of a base read absent here (`commitIssued`).
    const own = {
      views: transaction.table<ViewRow, [string, string]>('views'),
      viewBases: transaction.table<ViewBaseRow, [string, string]>('viewBases'),
      snapshots: transaction.table<SnapshotRow, string>('snapshots'),
    };
    const snapshots = appends.flatMap((append) => append.snapshot ?? []);
    const written = Promise.all([
      ...folds.map((writes) => writeViews(own, writes)),
      snapshots.length > 0 && own.snapshots.bulkPut(snapshots),
    ]);
    commitIssued(transaction);
    await written;
    return recorded;
  });
}
