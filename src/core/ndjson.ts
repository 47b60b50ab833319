import { z } from 'zod';
import { ImportError } from './errors';
import type { RecordedEvent } from './events';
import { wireMetadata } from './syncProtocol';

/** One line of an export: an event as recorded, without its place in this device's log. */
const exportedEvent = z.object({
  id: z.string().min(1).max(128),
  stream: z.string().min(1).max(256),
  version: z.number().int().positive(),
  serverPosition: z.number().int().positive().nullable(),
  type: z.string().min(1),
  data: z.json(),
  metadata: wireMetadata,
});

export type ExportedEvent = z.infer<typeof exportedEvent>;

export function toNdjsonLine({
  id,
  stream,
  version,
  serverPosition,
  type,
  data,
  metadata,
}: RecordedEvent): string {
  return JSON.stringify({ id, stream, version, serverPosition, type, data, metadata });
}

/**
 * Reads an export, checking every line: JSON, the event's shape, ids seen once, and each stream's
 * versions running 1, 2, 3 without a gap. The first bad line throws `ImportError` with its number.
 */
export function parseNdjson(text: string): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  const ids = new Set<string>();
  const versions = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ImportError({ line, reason: 'is not valid JSON' });
    }
    const parsed = exportedEvent.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportError({
        line,
        reason: `${issue?.path.join('.') || 'event'}: ${issue?.message}`,
      });
    }
    const event = parsed.data;
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
