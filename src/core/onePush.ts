import { ValidationError } from './errors';
import type { NewEvent } from './events';
import { type Json, jsonByteLength, jsonBytesOver } from './json';
import { LIMITS } from './limits';
import type { PushRequest, WireEvent } from './syncProtocol';
import { currentSchemaVersion, type Upcasters } from './upcasting';

/** Who records the events, as the store stamps it on their metadata. */
export interface RecordingContext {
  clientId: string;
  commandId: string | null;
  upcasters?: Upcasters;
}

/** As long as the ids the store makes for events that come without one (UUIDv7). */
const GENERATED_ID = '00000000-0000-7000-8000-000000000000';
/** As long as a scope's name may be: the device's scope is not known where the write is made. */
const LONGEST_SCOPE = 'x'.repeat(128);

/**
 * Refuses one write (an append, or a command with all its streams) that could not be pushed in
 * one request: a device never splits a write across pushes, so it must fit in `LIMITS.maxPushBytes`
 * on its own. Measured as the push body it would be, its events as sent on the wire, with the
 * longest scope name and the largest base versions and group numbers a batch can carry.
 */
export function assertFitsOnePush(
  appends: readonly { stream: string; events: readonly NewEvent[] }[],
  recording: RecordingContext,
): void {
  const recordedAt = Date.now();
  const body: PushRequest = {
    scope: LONGEST_SCOPE,
    clientId: recording.clientId,
    streams: appends.map(({ stream, events }) => ({
      stream,
      baseVersion: Number.MAX_SAFE_INTEGER,
      group: Number.MAX_SAFE_INTEGER,
      events: events.map((event) => onTheWire(event, recording, recordedAt)),
    })),
  };
  if (pushBytesFromAbove(body) <= LIMITS.maxPushBytes) return;
  const size = jsonBytesOver(body as unknown as Json, LIMITS.maxPushBytes);
  if (size !== undefined) {
    throw new ValidationError({
      field: 'events',
      reason: `come to ${size} bytes as a push, over the limit of ${LIMITS.maxPushBytes}`,
    });
  }
}

/**
 * Fast path: a push body's UTF-8 size measured from above as its parts, the body with no events
 * and then each event and a comma, which is quicker than one text of it all: at most a byte a
 * stream over the exact size (the last event of a stream has no comma after it), so a body this
 * finds within the limit is.
 */
export function pushBytesFromAbove(body: PushRequest): number {
  const bare = { ...body, streams: body.streams.map((stream) => ({ ...stream, events: [] })) };
  let bytes = jsonByteLength(bare as unknown as Json);
  for (const stream of body.streams) {
    for (const event of stream.events) bytes += jsonByteLength(event as unknown as Json) + 1;
  }
  return bytes;
}

function onTheWire(event: NewEvent, recording: RecordingContext, recordedAt: number): WireEvent {
  return {
    id: event.id ?? GENERATED_ID,
    type: event.type,
    data: event.data,
    metadata: {
      recordedAt,
      clientId: recording.clientId,
      commandId: recording.commandId,
      correlationId: event.metadata?.correlationId ?? null,
      causationId: event.metadata?.causationId ?? null,
      schemaVersion:
        event.metadata?.schemaVersion ?? currentSchemaVersion(recording.upcasters, event.type),
    },
  };
}
