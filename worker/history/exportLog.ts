import { toNdjsonLine } from '../../src/core/ndjson';
import { parseExportOptions } from '../../src/core/options';
import type { ExportPage } from '../../src/core/store';
import type { EventRow, LogbookDatabase } from '../db/database';

/**
 * One page of the log as NDJSON lines, in log order: call again with `after: lastPosition` while
 * `hasMore`. A confirmed event's line says where it settled (see `toNdjsonLine`), so an import
 * replays the log in this device's replay order.
 */
export async function exportLog(
  db: LogbookDatabase,
  options?: { after?: number; limit?: number } | null,
): Promise<ExportPage> {
  const { after = 0, limit = 1000 } = parseExportOptions(options);
  // Raw rows: a read gives events without their settle order.
  const rows = (await db.events
    .where('position')
    .above(after)
    .limit(limit + 1)
    .raw()
    .toArray()) as EventRow[];
  const page = rows.slice(0, limit);
  return {
    ndjson: page.map((row) => `${toNdjsonLine(db.recorded(row), settledOf(row))}\n`).join(''),
    lastPosition: page.at(-1)?.position ?? after,
    hasMore: rows.length > limit,
  };
}

/** A confirmed event's settle order, null while it is only accepted; none for a pending one. */
function settledOf(row: EventRow): number | null | undefined {
  return row.serverPosition === null ? undefined : (row.settled ?? null);
}
