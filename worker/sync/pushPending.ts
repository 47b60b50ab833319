import type { RecordedEvent } from '../../src/core/events';
import type { RejectedCommand, SyncableStore } from '../../src/core/store';
import type { PushRequest, PushResponse } from '../../src/core/syncProtocol';
import { pushToServer, type SyncTransport } from './syncHttp';

/**
 * Streams that one command wrote to must be accepted together: each such set of streams gets a
 * group number (streams written only by single-stream commands get none).
 */
function groupsOf(events: readonly RecordedEvent[]): Map<string, number> {
  const streamsOf = new Map<string, Set<string>>();
  for (const { metadata, stream } of events) {
    if (metadata.commandId)
      streamsOf.set(
        metadata.commandId,
        (streamsOf.get(metadata.commandId) ?? new Set()).add(stream),
      );
  }
  const group = new Map<string, number>();
  let next = 0;
  for (const streams of streamsOf.values()) {
    if (streams.size < 2) continue;
    const joined = [...streams].map((stream) => group.get(stream)).filter((g) => g !== undefined);
    const id = joined[0] ?? next++;
    for (const [stream, g] of group) if (joined.includes(g)) group.set(stream, id);
    for (const stream of streams) group.set(stream, id);
  }
  return group;
}

/** Pending events as a push: one batch per stream, based on the version before its first event. */
export function toPushRequest(clientId: string, events: readonly RecordedEvent[]): PushRequest {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events)
    byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  const groups = groupsOf(events);
  return {
    clientId,
    streams: [...byStream].map(([stream, streamEvents]) => ({
      stream,
      baseVersion: (streamEvents[0]?.version ?? 1) - 1,
      events: streamEvents.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      ...(groups.has(stream) ? { group: groups.get(stream) } : {}),
    })),
  };
}

/** Whether the first `limit` events end part-way through a command. */
function splitsCommand(pending: readonly RecordedEvent[], limit: number): boolean {
  const last = pending[limit - 1]?.metadata.commandId;
  return last !== null && last !== undefined && pending[limit]?.metadata.commandId === last;
}

/** The first `limit` events, extended to the end of the last command so no command is split. */
function wholeCommands(pending: readonly RecordedEvent[], limit: number): RecordedEvent[] {
  let end = Math.min(limit, pending.length);
  const lastCommand = pending[end - 1]?.metadata.commandId;
  while (lastCommand && end < pending.length && pending[end]?.metadata.commandId === lastCommand)
    end++;
  return pending.slice(0, end);
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
  /** Commands given up because the server refused one of their events. */
  rejected: RejectedCommand[];
}

/** What the server refused for its content, for the store to reject. */
function refusalsIn(results: PushResponse['results']) {
  return results.flatMap((result) =>
    result.status === 'refused'
      ? result.events.map(({ id, reason }) => ({ eventId: id, reason }))
      : [],
  );
}

/**
 * Pushes pending events, about `limit` at a time, whole commands only. Events the server refused
 * for their content take their commands with them (rejected, with the server's reason); batches
 * held back with them go in the next push.
 */
export async function pushPending(
  store: SyncableStore & { clientId: string },
  transport: SyncTransport,
  limit: number,
): Promise<PushOutcome> {
  const pending = await nextPending(store, limit);
  const batch = wholeCommands(pending, limit);
  if (batch.length === 0) return { pushed: 0, conflict: false, more: false, rejected: [] };
  const { results } = await pushToServer(transport, toPushRequest(store.clientId, batch));
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
