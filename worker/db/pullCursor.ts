import type { LogbookDatabase } from './database';

const PULL_CURSOR = 'pullCursor';

/** The server position this device has pulled (and settled) up to. */
export async function readPullCursor(db: LogbookDatabase): Promise<number> {
  const row = await db.meta.get(PULL_CURSOR);
  return typeof row?.value === 'number' ? row.value : 0;
}

export async function writePullCursor(db: LogbookDatabase, cursor: number): Promise<void> {
  await db.meta.put({ key: PULL_CURSOR, value: cursor });
}
