import { Dexie } from 'dexie';
import type { LogbookDatabase } from '../db/database';

/**
 * Where a stream ends: the version and log position of its last event (both 0 when it has none).
 *
 * A head names the stream's whole history: positions are never reused, and only pending events
 * (always a stream's last) are ever taken out of the log, so while the same event is last nothing
 * before it has changed either. A stream at the same version with another event last was
 * rewritten under the reader (a rebase replaced its pending tail).
 */
export interface StreamHead {
  version: number;
  position: number;
}

export async function streamHead(db: LogbookDatabase, stream: string): Promise<StreamHead> {
  const last = await db.events
    .where('[stream+version]')
    .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
    .last();
  return { version: last?.version ?? 0, position: last?.position ?? 0 };
}

/** The stream's current version: its highest event version, 0 when it has no events. */
export async function streamVersion(db: LogbookDatabase, stream: string): Promise<number> {
  return (await streamHead(db, stream)).version;
}
