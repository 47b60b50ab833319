import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase } from '../db/database';
import { confirmedAfter, pendingAfter, type ReplayPhase } from '../db/syncStates';

// Replay order, what every projection equals a replay of: the `confirmed` phase (events a server
// accepted, settled or not, by server position), then the `pending` phase (by local position).

/** Where an event stands in its phase: what the next page is read after. */
export function placeInPhase(phase: ReplayPhase, event: RecordedEvent): number {
  return phase === 'confirmed' ? (event.serverPosition as number) : event.position;
}

/** The next `limit` events of a phase after place `after` in it, in replay order. */
export async function replayPage(
  db: LogbookDatabase,
  phase: ReplayPhase,
  after: number,
  limit: number,
): Promise<RecordedEvent[]> {
  const rows = phase === 'confirmed' ? confirmedAfter(db, after) : pendingAfter(db, after);
  return (await rows.limit(limit).toArray()) as RecordedEvent[];
}

/** The whole log in replay order, a page at a time. */
export async function* replayPages(
  db: LogbookDatabase,
  pageSize: number,
): AsyncGenerator<RecordedEvent[]> {
  for (const phase of ['confirmed', 'pending'] satisfies ReplayPhase[]) {
    for (let after = 0; ; ) {
      const page = await replayPage(db, phase, after, pageSize);
      if (page.length > 0) yield page;
      if (page.length < pageSize) break;
      after = placeInPhase(phase, page.at(-1) as RecordedEvent);
    }
  }
}
