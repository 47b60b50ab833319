import type { AnyProjection, Domain } from '../core/domain';
import type { RecordedEvent } from '../core/events';
import { jsonEqual } from '../core/json';
import { replayProjection } from '../core/projection';
import type { HistoryStore, LocalStore } from '../core/store';
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

/** The whole log as NDJSON, read a page of `pageSize` events at a time. */
export async function exportAll(
  store: Pick<HistoryStore, 'exportLog'>,
  pageSize = 2,
): Promise<string> {
  let text = '';
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await store.exportLog({ after, limit: pageSize });
    text += page.ndjson;
    ({ lastPosition: after, hasMore } = page);
  }
  return text;
}

/**
 * The order the store settled each settled event in, by id, as its export says: events carry no
 * settle order (several scopes' server positions do not order them), their backup does.
 */
async function settleOrders(store: LocalStore): Promise<Map<string, number>> {
  const orders = new Map<string, number>();
  for (const line of (await exportAll(store, 500)).split('\n')) {
    const { id, settled } = line === '' ? {} : JSON.parse(line);
    if (typeof settled === 'number') orders.set(id, settled);
  }
  return orders;
}

/**
 * The whole local log in replay order: settled events in the order the store settled them, then
 * the others (accepted and pending) in log order.
 */
export async function logInReplayOrder(store: LocalStore): Promise<RecordedEvent[]> {
  const [log, orders] = await Promise.all([wholeLog(store), settleOrders(store)]);
  const orderOf = (event: RecordedEvent) => orders.get(event.id) as number;
  return [
    ...log.filter((event) => orders.has(event.id)).sort((a, b) => orderOf(a) - orderOf(b)),
    ...log.filter((event) => !orders.has(event.id)),
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
  const log = await logInReplayOrder(store);
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
