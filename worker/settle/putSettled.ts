import type { EventRow, LogbookDatabase } from '../db/database';

/** A row as read in the running transaction, with where it settles. */
export interface SettlingRow {
  row: EventRow;
  serverPosition: number;
  settled: number;
}

/**
 * Settles rows at their server positions and settle orders, as `markSettled` does, from the rows
 * themselves: raw (`Collection.raw()`: as stored, not upcast) and read in the running
 * transaction, not written since. Putting them back changed is then what an update does, without
 * reading each row again first (as Dexie's `bulkUpdate` does).
 */
export async function putSettled(db: LogbookDatabase, rows: readonly SettlingRow[]): Promise<void> {
  await db.events.bulkPut(
    rows.map(({ row: { sync: _, ...row }, serverPosition, settled }) => ({
      ...row,
      serverPosition,
      settled,
    })),
  );
}
