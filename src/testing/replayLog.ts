import type { AnyProjection, Domain } from '../core/domain';
import type { RecordedEvent } from '../core/events';
import { jsonEqual } from '../core/json';
import { replayProjection } from '../core/projection';
import type { LocalStore } from '../core/store';
import { mismatch } from './mismatch';

/** The whole local log, page by page. */
export async function wholeLog(store: LocalStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.readAll({ after, limit: 500 });
    events.push(...page.events);
    ({ lastPosition: after, hasMore } = page);
  }
  return events;
}

/** Replay order: confirmed events by server position, then pending ones as recorded. */
export function inReplayOrder(events: RecordedEvent[]): RecordedEvent[] {
  const confirmed = events.filter((e) => e.serverPosition !== null);
  const pending = events.filter((e) => e.serverPosition === null);
  return [
    ...confirmed.sort((a, b) => (a.serverPosition as number) - (b.serverPosition as number)),
    ...pending.sort((a, b) => a.position - b.position),
  ];
}

/**
 * Throws unless every projection of the store equals a from-scratch replay of its log in replay
 * order (views listed by key).
 */
export async function assertProjectionsMatchReplay(
  store: LocalStore,
  domain: Domain,
): Promise<void> {
  const log = inReplayOrder(await wholeLog(store));
  for (const projection of domain.projections as readonly AnyProjection[]) {
    const replayed = [...replayProjection(projection, log).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, view]) => view);
    const stored = await store.list(projection.name as never);
    if (!jsonEqual(stored, replayed)) {
      throw mismatch(`Projection ${projection.name} differs from a replay of the log`, {
        expected: replayed,
        actual: stored,
      });
    }
  }
}
