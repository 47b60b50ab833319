import type { RecordedEvent } from '../../src/core/events';
import type { EventRow, LogbookDatabase } from '../db/database';
import { REPLAY_PHASES, type ReplayPhase, settledAfter, unsettledAfter } from '../db/syncStates';

// Replay order, what every projection equals a replay of (see `SyncState`): the `settled` phase
// (settled events in the order this device settled them), then the `unsettled` phase (accepted
// and pending events by local position).

/** A page of a phase in replay order, and the place in the phase the next page is read after. */
export interface ReplayPage {
  events: RecordedEvent[];
  place: number;
}

/** The next `limit` events of a phase after place `after` in it, in replay order. */
export async function replayPage(
  db: LogbookDatabase,
  phase: ReplayPhase,
  after: number,
  limit: number,
): Promise<ReplayPage> {
  if (phase === 'unsettled') {
    const events = await unsettledAfter(db, after, limit);
    return { events, place: events.at(-1)?.position ?? after };
  }
  // Raw rows: a read gives events without their settle order, the place in this phase.
  const rows = (await settledAfter(db, after).limit(limit).raw().toArray()) as EventRow[];
  return {
    events: rows.map((row) => db.recorded(row)),
    place: rows.at(-1)?.settled ?? after,
  };
}

/**
 * The log in replay order, a page at a time: all of it, or as far as local position `through`
 * needs. The settled phase is read whole (settle order says nothing of local positions); the
 * unsettled phase, in local position order, ends with the page that reaches `through` (which may
 * hold later events: the caller filters).
 */
export async function* replayPages(
  db: LogbookDatabase,
  pageSize: number,
  through = Number.POSITIVE_INFINITY,
): AsyncGenerator<RecordedEvent[]> {
  for (const phase of REPLAY_PHASES) {
    for (let after = 0; ; ) {
      const page = await replayPage(db, phase, after, pageSize);
      if (page.events.length > 0) yield page.events;
      if (page.events.length < pageSize) break;
      if (phase === 'unsettled' && page.place >= through) break;
      after = page.place;
    }
  }
}
