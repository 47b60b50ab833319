import type { RecordedEvent } from '../../src/core/events';
import type { SyncableStore } from '../../src/core/store';
import type { PushRequest } from '../../src/core/syncProtocol';
import { pushToServer, type SyncTransport } from './syncHttp';

/** Pending events as a push: one batch per stream, based on the version before its first event. */
export function toPushRequest(clientId: string, events: readonly RecordedEvent[]): PushRequest {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events)
    byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  return {
    clientId,
    streams: [...byStream].map(([stream, streamEvents]) => ({
      stream,
      baseVersion: (streamEvents[0]?.version ?? 1) - 1,
      events: streamEvents.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
    })),
  };
}

/**
 * Pushes up to `limit` pending events. Returns whether the server refused a stream because it
 * had moved on (pull, rebase, push again) and whether more pending events remain.
 */
export async function pushPending(
  store: SyncableStore & { clientId: string },
  transport: SyncTransport,
  limit: number,
): Promise<{ conflict: boolean; more: boolean }> {
  const pending = await store.pendingEvents(limit + 1);
  const batch = pending.slice(0, limit);
  if (batch.length === 0) return { conflict: false, more: false };
  const { results } = await pushToServer(transport, toPushRequest(store.clientId, batch));
  const acks = results.flatMap((result) =>
    result.status === 'accepted'
      ? result.events.map((event) => ({ id: event.id, serverPosition: event.position }))
      : [],
  );
  await store.confirmEvents(acks);
  return {
    conflict: results.some((result) => result.status === 'conflict'),
    more: pending.length > limit,
  };
}
