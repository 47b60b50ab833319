import { ValidationError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { ReadAllOptions, ReadAllPage, ReadStreamOptions } from '../../src/core/store';
import { validateStreamName } from '../../src/core/validation';
import type { LogbookDatabase } from '../store/database';

export const DEFAULT_PAGE_SIZE = 500;

function assertCount(value: unknown, field: string, minimum: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= minimum)) {
    throw new ValidationError({ field, reason: `must be an integer of at least ${minimum}` });
  }
}

export async function readStream(
  db: LogbookDatabase,
  stream: string,
  { from, to, direction = 'forwards', limit }: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  validateStreamName(stream);
  assertCount(from, 'from', 0);
  assertCount(to, 'to', 0);
  assertCount(limit, 'limit', 1);
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new ValidationError({ field: 'direction', reason: 'must be "forwards" or "backwards"' });
  }
  const forwards = direction === 'forwards';
  const lowest = (forwards ? from : to) ?? 0;
  const highest = (forwards ? to : from) ?? Number.POSITIVE_INFINITY;
  let collection = db.events
    .where('[stream+version]')
    .between([stream, lowest], [stream, highest], true, true);
  if (!forwards) collection = collection.reverse();
  if (limit !== undefined) collection = collection.limit(limit);
  return (await collection.toArray()) as RecordedEvent[];
}

export async function readAll(
  db: LogbookDatabase,
  options: ReadAllOptions = {},
): Promise<ReadAllPage> {
  const { after = 0, limit = DEFAULT_PAGE_SIZE } = options;
  assertCount(after, 'after', 0);
  assertCount(limit, 'limit', 1);
  const wanted = logFilter(options);
  let collection = db.events.where('position').above(after);
  if (wanted) collection = collection.filter(wanted);
  const rows = (await collection.limit(limit + 1).toArray()) as RecordedEvent[];
  const events = rows.slice(0, limit);
  return { events, lastPosition: events.at(-1)?.position ?? after, hasMore: rows.length > limit };
}

/** The filters of a log read as one test of an event, or undefined when there are none. */
function logFilter({
  types,
  stream,
  clientId,
  recordedFrom,
  recordedTo,
}: ReadAllOptions): ((event: RecordedEvent) => boolean) | undefined {
  if (types !== undefined && !(Array.isArray(types) && types.every((t) => typeof t === 'string'))) {
    throw new ValidationError({ field: 'types', reason: 'must be an array of event types' });
  }
  if (stream !== undefined) validateStreamName(stream, 'stream');
  if (clientId !== undefined && (typeof clientId !== 'string' || clientId === '')) {
    throw new ValidationError({ field: 'clientId', reason: 'must be a device id' });
  }
  assertCount(recordedFrom, 'recordedFrom', 0);
  assertCount(recordedTo, 'recordedTo', 0);
  const tests: ((event: RecordedEvent) => boolean)[] = [];
  if (types) {
    const wantedTypes = new Set(types);
    tests.push((event) => wantedTypes.has(event.type));
  }
  if (stream !== undefined) tests.push((event) => event.stream === stream);
  if (clientId !== undefined) tests.push((event) => event.metadata.clientId === clientId);
  if (recordedFrom !== undefined) tests.push((event) => event.metadata.recordedAt >= recordedFrom);
  if (recordedTo !== undefined) tests.push((event) => event.metadata.recordedAt <= recordedTo);
  if (tests.length === 0) return undefined;
  return (event) => tests.every((test) => test(event));
}

export async function headPosition(db: LogbookDatabase): Promise<number> {
  return ((await db.events.orderBy('position').lastKey()) as number | undefined) ?? 0;
}
