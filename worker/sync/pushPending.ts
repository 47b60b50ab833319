import type { RecordedEvent } from '../../src/core/events';
import { LIMITS } from '../../src/core/limits';
import type { RejectedCommand, SyncableStore } from '../../src/core/store';
import type { PushResponse } from '../../src/core/syncProtocol';
import { cutPush, type ScopeOf } from './cutPush';
import { toPushRequest } from './pushRequest';
import { pushToServer, type SyncTransport } from './syncHttp';

/** Whether the first `limit` events end part-way through a command. */
function splitsCommand(pending: readonly RecordedEvent[], limit: number): boolean {
  const last = pending[limit - 1]?.metadata.commandId;
  return last !== null && last !== undefined && pending[limit]?.metadata.commandId === last;
}

/**
 * The next pending events to push: about `limit`, read a page at a time (never the whole
 * queue), and one more, to tell whether more remain.
 */
async function nextPending(store: SyncableStore, limit: number): Promise<RecordedEvent[]> {
  for (let wanted = limit + 1; ; wanted *= 2) {
    const pending = await store.pendingEvents(wanted);
    if (pending.length < wanted || !splitsCommand(pending, wanted - 1)) return pending;
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
 * push may carry, whole commands only. A command that can never be pushed (too large, or of
 * another scope by `scopeOf`) is rejected here. Events the server refused for their content take
 * their commands with them (rejected, with the server's reason); batches held back with them go
 * in the next push.
 */
export async function pushPending(
  store: SyncableStore & { clientId: string },
  transport: SyncTransport,
  limit: number,
  scopeOf?: ScopeOf,
): Promise<PushOutcome> {
  const wanted = Math.min(limit, LIMITS.maxPushEvents);
  const pending = await nextPending(store, wanted);
  const pusher = { scope: transport.scope, clientId: store.clientId };
  const cut = cutPush(pusher, pending, wanted, scopeOf);
  if ('unpushable' in cut) {
    const { unpushable, reason } = cut;
    const rejected = await store.rejectPending(
      unpushable.events.map((event) => ({ eventId: event.id, reason })),
    );
    return { pushed: 0, conflict: false, more: true, rejected };
  }
  const { batch } = cut;
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
  await store.confirmEvents(acks);
  const refusals = refusalsIn(results);
  return {
    pushed: acks.length,
    conflict: results.some((result) => result.status === 'conflict'),
    more: pending.length > batch.length || results.some((result) => result.status === 'refused'),
    rejected: refusals.length > 0 ? await store.rejectPending(refusals) : [],
  };
}
