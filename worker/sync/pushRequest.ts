import type { RecordedEvent } from '../../src/core/events';
import type { PushRequest, WireEvent } from '../../src/core/syncProtocol';

/**
 * Streams that one command wrote to must be accepted together: each such set of streams gets a
 * group number (streams written only by single-stream commands get none). Numbers count up from
 * 0, so none is larger than the number of events.
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

/** An event as a push carries it: what it recorded, without its local position or version. */
export const onTheWire = ({ id, type, data, metadata }: RecordedEvent): WireEvent => ({
  id,
  type,
  data,
  metadata,
});

/** Who pushes: the device, and the scope it syncs. */
export type Pusher = Pick<PushRequest, 'scope' | 'clientId'>;

/** Pending events as a push: one batch per stream, based on the version before its first event. */
export function toPushRequest(
  { scope, clientId }: Pusher,
  events: readonly RecordedEvent[],
): PushRequest {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const batch = byStream.get(event.stream);
    if (batch) batch.push(event);
    else byStream.set(event.stream, [event]);
  }
  const groups = groupsOf(events);
  return {
    scope,
    clientId,
    streams: [...byStream].map(([stream, streamEvents]) => ({
      stream,
      baseVersion: (streamEvents[0]?.version ?? 1) - 1,
      events: streamEvents.map(onTheWire),
      ...(groups.has(stream) ? { group: groups.get(stream) } : {}),
    })),
  };
}
