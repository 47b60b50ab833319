import { ValidationError } from '../../core/errors';
import { jsonTextDepth } from '../../core/json';
import { LIMITS } from '../../core/limits';
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS } from '../../core/syncProtocol';
import { type PushAsSent, pushAsSent } from '../pushAsSent';
import { parseJsonBody, parseRequest } from './parseRequest';
import { HttpRefusal } from './refusals';

/** How deep a push nests around an event's data: body, streams, batch, events, event. */
const PUSH_ENVELOPE_DEPTH = 5;
const MAX_PUSH_DEPTH = PUSH_ENVELOPE_DEPTH + LIMITS.maxJsonDepth;

export const pushTooLarge = (bytes?: number) =>
  new HttpRefusal(
    413,
    'PayloadTooLarge',
    `A push may be at most ${MAX_PUSH_BYTES} bytes${bytes === undefined ? '' : `; this one is ${bytes}`}`,
  );

/**
 * Reads a push body within the limits, each checked before the work it bounds: its bytes
 * (whatever its content-length said), its nesting before parsing it (checking a deeper body,
 * even parsing it, could overflow the stack), its number of events before checking them.
 */
export function parsePushBody(text: string): PushAsSent {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_PUSH_BYTES) throw pushTooLarge(bytes);
  const depth = jsonTextDepth(text);
  if (depth > MAX_PUSH_DEPTH) {
    throw new ValidationError({
      field: 'body',
      reason: `a push may nest at most ${MAX_PUSH_DEPTH} levels (event data ${LIMITS.maxJsonDepth}); this one nests ${depth}`,
    });
  }
  const body = parseJsonBody(text);
  const events = countEvents(body);
  if (events > MAX_PUSH_EVENTS) {
    throw new HttpRefusal(
      413,
      'PayloadTooLarge',
      `A push may carry at most ${MAX_PUSH_EVENTS} events; this one has ${events}`,
    );
  }
  return parseRequest(pushAsSent, body);
}

/** The events a parsed body carries, whatever its shape (the schema checks that next). */
function countEvents(body: unknown): number {
  const streams = (body as { streams?: unknown } | null)?.streams;
  if (!Array.isArray(streams)) return 0;
  return streams.reduce<number>((sum, batch) => {
    const events = (batch as { events?: unknown } | null)?.events;
    return sum + (Array.isArray(events) ? events.length : 0);
  }, 0);
}
