import { z } from 'zod/mini';
import { ImportError, type ValidationError } from './errors';
import type { RecordedEvent } from './events';
import type { Json } from './json';
import { LIMITS } from './limits';
import { safeParse } from './schemaParse';
import { wireMetadata } from './syncProtocol';
import { type EventRules, findEventProblem, fromZod, streamName } from './validation';

/**
 * One line of an export: an event as recorded, without its place in this device's log. Its type
 * and data are held to `findEventProblem`, as an append's are; `data` is taken as parsed, own
 * `__proto__` keys included (a schema's copy would drop them), so that they are refused.
 * `settled` orders a confirmed event among those the device had settled (the order it settled
 * them in: several scopes' server positions do not order them), or is null while it was only
 * accepted; pending events have none, nor have exports made before it (one scope, settled
 * events in server order).
 */
const exportedEvent = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(LIMITS.maxIdLength)),
  stream: streamName,
  version: z.number().check(z.int(), z.positive()),
  serverPosition: z.nullable(z.number().check(z.int(), z.positive())),
  settled: z.optional(z.nullable(z.number().check(z.int(), z.positive()))),
  type: z.string(),
  data: z.unknown(),
  metadata: wireMetadata,
});

export type ExportedEvent = Omit<z.infer<typeof exportedEvent>, 'data'> & { data: Json };

const BYTE_ORDER_MARK = '\uFEFF';

/** An event as a line of an export; `settled` as described at `exportedEvent`. */
export function toNdjsonLine(
  { id, stream, version, serverPosition, type, data, metadata }: RecordedEvent,
  settled?: number | null,
): string {
  return JSON.stringify({ id, stream, version, serverPosition, settled, type, data, metadata });
}

/**
 * Reads an export, checking every line: JSON, the event's shape, its type and data under `rules`
 * (the same as an append's), ids seen once, and each stream's versions running 1, 2, 3 without a
 * gap. The first bad line throws `ImportError` with its number. A leading byte order mark (as
 * some editors save) is not part of the first line.
 */
export function parseNdjson(text: string, rules: EventRules = {}): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  const ids = new Set<string>();
  const versions = new Map<string, number>();
  const lines = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  lines.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ImportError({ line, reason: 'is not valid JSON' });
    }
    const parsed = safeParse(exportedEvent, value);
    if (!parsed.success) throw importError(line, fromZod(parsed.error));
    const problem = findEventProblem(parsed.data, '', rules);
    if (problem) throw importError(line, problem);
    const event = parsed.data as ExportedEvent;
    if (ids.has(event.id))
      throw new ImportError({ line, reason: `event ${event.id} appears twice` });
    const expected = (versions.get(event.stream) ?? 0) + 1;
    if (event.version !== expected) {
      throw new ImportError({
        line,
        reason: `${event.stream} jumps to version ${event.version}, expected ${expected}`,
      });
    }
    ids.add(event.id);
    versions.set(event.stream, expected);
    events.push(event);
  });
  return events;
}

function importError(line: number, { field, reason }: ValidationError): ImportError {
  return new ImportError({ line, reason: `${field.replace(/^\./, '') || 'event'}: ${reason}` });
}
