import { toNdjsonLine } from '../../src/core/ndjson';
import { parseExportOptions } from '../../src/core/options';
import type { ExportPage } from '../../src/core/store';
import type { LogbookDatabase } from '../db/database';
import { readAll } from '../log/readLog';

/** One page of the log as NDJSON lines: call again with `after: lastPosition` while `hasMore`. */
export async function exportLog(
  db: LogbookDatabase,
  options?: { after?: number; limit?: number } | null,
): Promise<ExportPage> {
  const { after = 0, limit = 1000 } = parseExportOptions(options);
  const page = await readAll(db, { after, limit });
  return {
    ndjson: page.events.map((event) => `${toNdjsonLine(event)}\n`).join(''),
    lastPosition: page.lastPosition,
    hasMore: page.hasMore,
  };
}
