import type { RecordedEvent } from '../../src/core/events';
import { LIMITS } from '../../src/core/limits';
import type { RejectedCommand, SyncableStore } from '../../src/core/store';
import type { PushResponse } from '../../src/core/syncProtocol';
import { type CommandGroup, groupByCommand } from '../commands/groupByCommand';
import { cutPush } from './cutPush';
import { toPushRequest } from './pushRequest';
import { type Routes, routeOf } from './routeCommand';
import { pushToServer, type SyncTransport } from './syncHttp';

/** The pending events of one scope, read from the oldest, and the commands that can go nowhere. */
interface ScopePending {
  /** Whole commands of the scope, in log order. */
  events: RecordedEvent[];
  /** Commands of a scope the device does not sync, or of two scopes, with the reason. */
  unroutable: { group: CommandGroup; reason: string }[];
  /** Every pending event was read. */
  complete: boolean;
}

/**
 * The oldest pending commands of `scope`: at least `limit` events when there are, read a window
 * at a time, doubled until it holds them (never the whole queue unless it must: other scopes'
 * commands may come first). A window's last command may go on past it, so it waits for a wider
 * one; the window is one event wider than `limit`, so when it is full more events remain, and
 * `limit` whole ones need no second read.
 */
async function pendingOf(
  store: SyncableStore,
  scope: string,
  routes: Routes,
  limit: number,
): Promise<ScopePending> {
  for (let wanted = limit + 1; ; wanted *= 2) {
    const window = await store.pendingEvents(wanted);
    const complete = window.length < wanted;
    const groups = groupByCommand(window);
    if (!complete) groups.pop();
    const found: ScopePending = { events: [], unroutable: [], complete };
    for (const group of groups) {
      const route = routeOf(group, routes);
      if ('reason' in route) found.unroutable.push({ group, reason: route.reason });
      else if (route.scope === scope) found.events.push(...group.events);
    }
    if (complete || found.events.length >= limit || found.unroutable.length > 0) return found;
  }
}

export interface PushOutcome {
  /** Events the server accepted. */
  pushed: number;
  /** The server refused a stream because it had moved on: pull, rebase, push again. */
  conflict: boolean;
  /** Pending events remain: the rest of the queue, or what a refusal held back or left. */
  more: boolean;
  /** Commands given up: refused by the server, too large for any push, or of another scope. */
  rejected: RejectedCommand[];
}

/**
 * What the server refused for its content, for the store to reject. The reason names the part of
 * the event, as the server's field does (`streams[0].events[2].data.cartId` -> `data.cartId`).
 */
function refusalsIn(results: PushResponse['results']) {
  return results.flatMap((result) =>
    result.status === 'refused'
      ? result.events.map(({ id, reason, field }) => ({
          eventId: id,
          reason: field
            ? `${field.replace(/^streams\[\d+\]\.events\[\d+\]\./, '')}: ${reason}`
            : reason,
        }))
      : [],
  );
}

/**
 * Pushes pending events of the transport's scope, about `limit` at a time and never more than a
 * push may carry, whole commands only. A command that can never be pushed (too large, or of a
 * scope the device does not sync, or of two, by `routes`) is rejected here. Events the server
 * refused for their content take their commands with them (rejected, with the server's reason);
 * batches held back with them go in the next push.
 */
export async function pushPending(
  store: SyncableStore & { clientId: string },
  transport: SyncTransport,
  limit: number,
  routes: Routes = { scopes: [transport.scope], scopeOf: undefined },
): Promise<PushOutcome> {
  const { scope } = transport;
  const wanted = Math.min(limit, LIMITS.maxPushEvents);
  const pending = await pendingOf(store, scope, routes, wanted);
  const pusher = { scope, clientId: store.clientId };
  const cut = cutPush(pusher, pending.events, wanted);
  const unpushable = [
    ...pending.unroutable,
    ...('unpushable' in cut ? [{ group: cut.unpushable, reason: cut.reason }] : []),
  ];
  if (unpushable.length > 0) {
    const rejected = await store.rejectPending(
      unpushable.flatMap(({ group, reason }) =>
        group.events.map((event) => ({ eventId: event.id, reason })),
      ),
    );
    return { pushed: 0, conflict: false, more: true, rejected };
  }
  const batch = 'batch' in cut ? cut.batch : [];
  if (batch.length === 0) return { pushed: 0, conflict: false, more: false, rejected: [] };
  const { results } = await pushToServer(transport, toPushRequest(pusher, batch));
  const positionOf = new Map(batch.map((event) => [event.id, event.position]));
  const acks = results.flatMap((result) =>
    result.status === 'accepted'
      ? result.events.map((event) => ({
          id: event.id,
          position: positionOf.get(event.id) ?? 0,
          serverPosition: event.position,
        }))
      : [],
  );
  await store.confirmEvents(acks, scope);
  const refusals = refusalsIn(results);
  return {
    pushed: acks.length,
    conflict: results.some((result) => result.status === 'conflict'),
    more:
      !pending.complete ||
      pending.events.length > batch.length ||
      results.some((result) => result.status === 'refused'),
    rejected: refusals.length > 0 ? await store.rejectPending(refusals) : [],
  };
}
