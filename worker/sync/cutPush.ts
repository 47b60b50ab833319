import type { RecordedEvent } from '../../src/core/events';
import { jsonByteLength } from '../../src/core/json';
import { LIMITS } from '../../src/core/limits';
import { type CommandGroup, groupByCommand } from '../commands/groupByCommand';
import { onTheWire, type Pusher, toPushRequest } from './pushRequest';

/**
 * What a push body costs, measured from above as commands join it: the envelope, each event as
 * JSON and a comma, and the head of each stream batch it starts, its group number counted at the
 * most digits one can have (a group number never exceeds the events in the push). So a push
 * measured within the limits is within them when sent.
 */
class PushMeasure {
  bytes: number;
  events = 0;
  private readonly streams = new Set<string>();

  constructor(pusher: Pusher) {
    this.bytes = jsonByteLength({ ...pusher, streams: [] });
  }

  /** The bytes `group` would add. */
  costOf(group: CommandGroup): number {
    const started = new Set<string>();
    let bytes = 0;
    for (const event of group.events) {
      bytes += jsonByteLength(onTheWire(event)) + 1;
      if (this.streams.has(event.stream) || started.has(event.stream)) continue;
      started.add(event.stream);
      const head = { stream: event.stream, baseVersion: event.version - 1, events: [] };
      bytes += jsonByteLength({ ...head, group: LIMITS.maxPushEvents }) + 1;
    }
    return bytes;
  }

  fits(group: CommandGroup, bytes: number): boolean {
    return (
      this.events + group.events.length <= LIMITS.maxPushEvents &&
      this.bytes + bytes <= LIMITS.maxPushBytes
    );
  }

  add(group: CommandGroup, bytes: number): void {
    this.bytes += bytes;
    this.events += group.events.length;
    for (const event of group.events) this.streams.add(event.stream);
  }
}

/** The next push: whole commands, the first `limit` events and the rest of the last command. */
export type Cut =
  | { batch: RecordedEvent[] }
  /** The first command can never be pushed: it is more than any push may carry. */
  | { unpushable: CommandGroup; reason: string };

/**
 * Cuts the next push from the oldest pending events of the pusher's scope (read so that every
 * command starting within the first `limit` events is whole): whole commands, never split, as long as the push stays within the server's event count and body size limits.
 */
export function cutPush(pusher: Pusher, pending: readonly RecordedEvent[], limit: number): Cut {
  const measure = new PushMeasure(pusher);
  const batch: RecordedEvent[] = [];
  for (const group of groupByCommand(pending)) {
    if (batch.length >= limit) break;
    const bytes = measure.costOf(group);
    if (!measure.fits(group, bytes)) return batch.length > 0 ? { batch } : alone(pusher, group);
    measure.add(group, bytes);
    batch.push(...group.events);
  }
  return { batch };
}

/** A command too large by the measure may still fit when measured exactly, in a push of its own. */
function alone(pusher: Pusher, group: CommandGroup): Cut {
  const bytes = jsonByteLength(toPushRequest(pusher, group.events));
  const count = group.events.length;
  if (count <= LIMITS.maxPushEvents && bytes <= LIMITS.maxPushBytes) return { batch: group.events };
  return {
    unpushable: group,
    reason:
      `Too large to sync: ${count} events, ${bytes} bytes as JSON; a push carries at most ` +
      `${LIMITS.maxPushEvents} events and ${LIMITS.maxPushBytes} bytes`,
  };
}
