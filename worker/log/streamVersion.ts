import { Dexie } from 'dexie';
import type { LogbookDatabase } from '../store/database';

/** The stream's current version: its highest event version, 0 when it has no events. */
export async function streamVersion(db: LogbookDatabase, stream: string): Promise<number> {
  const last = await db.events
    .where('[stream+version]')
    .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
    .last();
  return last?.version ?? 0;
}
