import { expect } from 'vitest';
import type { AnyProjection, Domain } from '../../../src/core/domain';
import type { RecordedEvent } from '../../../src/core/events';
import { replayProjection } from '../../../src/core/projection';
import type { LocalStore } from '../../../src/core/store';
import type { ServerEvent } from '../../../src/core/syncProtocol';

/** The whole local log, page by page. */
export async function wholeLog(store: LocalStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.readAll({ after, limit: 50 });
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

/** Every projection of the store equals a from-scratch replay of its log in replay order. */
export async function expectProjectionsMatchReplay(
  store: LocalStore,
  domain: Domain,
): Promise<void> {
  const log = inReplayOrder(await wholeLog(store));
  for (const projection of domain.projections as readonly AnyProjection[]) {
    const replayed = [...replayProjection(projection, log).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, view]) => view);
    expect(await store.list(projection.name as never), `projection ${projection.name}`).toEqual(
      replayed,
    );
  }
}

/** Another device's events, as the server would hand them out from `firstPosition` on. */
export function fromServer(events: RecordedEvent[], firstPosition: number): ServerEvent[] {
  return events.map(({ id, stream, version, type, data, metadata }, i) => ({
    id,
    stream,
    version,
    type,
    data,
    metadata,
    position: firstPosition + i,
  }));
}
