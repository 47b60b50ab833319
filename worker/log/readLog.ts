import { Dexie } from 'dexie';
import type { RecordedEvent } from '../../src/core/events';
import { parseReadAllOptions, parseReadStreamOptions } from '../../src/core/options';
import type { ReadAllOptions, ReadAllPage, ReadStreamOptions } from '../../src/core/store';
import { validateStreamName } from '../../src/core/validation';
import type { LogbookDatabase } from '../db/database';
import { rowKeysWithin, spanToRead } from '../db/rangeReads';

export const DEFAULT_PAGE_SIZE = 500;

export async function readStream(
  db: LogbookDatabase,
  stream: string,
  options?: ReadStreamOptions | null,
): Promise<RecordedEvent[]> {
  validateStreamName(stream);
  const { from, to, direction = 'forwards', limit } = parseReadStreamOptions(options);
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

/**
 * Many streams' events from the one index range that spans them (`spanToRead`), each stream's
 * whole, in version order (a snapshot is not looked at); undefined when they are few or the range
 * holds too many events (`rowKeysWithin`), for the caller to read them one by one. The range's
 * events are read with their values only when it holds some. The names must be valid stream
 * names; run it inside a transaction, so the range cannot change between its reads.
 */
export async function readStreamsSideBySide(
  db: LogbookDatabase,
  streams: readonly string[],
): Promise<Map<string, RecordedEvent[]> | undefined> {
  const span = spanToRead(streams);
  if (!span) return undefined;
  const [least, greatest] = span;
  const range = () =>
    db.events
      .where('[stream+version]')
      .between([least, Dexie.minKey], [greatest, Dexie.maxKey], true, true);
  const held = await rowKeysWithin(range(), streams.length);
  if (!held) return undefined;
  const byStream = new Map<string, RecordedEvent[]>(streams.map((stream) => [stream, []]));
  const rows = held.length === 0 ? [] : ((await range().toArray()) as RecordedEvent[]);
  for (const row of rows) byStream.get(row.stream)?.push(row);
  return byStream;
}

/**
 * A stream's events in version order, where `written` are events of it this transaction wrote
 * (as reads give them, in version order) and are likely its last ones: then only its keys and
 * the versions before them are read, the written ones taken from memory. Whenever the keys do not
 * show `written` as the stream's last events, exactly, the stream is read whole instead.
 */
export async function readStreamEnding(
  db: LogbookDatabase,
  stream: string,
  written: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  const first = written[0];
  if (!first) return readStream(db, stream);
  const positions = await db.events
    .where('[stream+version]')
    .between([stream, 0], [stream, Number.POSITIVE_INFINITY], true, true)
    .primaryKeys();
  const before = positions.length - written.length;
  const endsWithWritten =
    before >= 0 && written.every((event, i) => event.position === positions[before + i]);
  if (!endsWithWritten) return readStream(db, stream);
  const older = before > 0 ? await readStream(db, stream, { to: first.version - 1 }) : [];
  return older.length === before ? [...older, ...written] : readStream(db, stream);
}

/**
 * A stream's events from version `from` to `to` (both included), in version order, `pageSize` at
 * a time: what folds a long stream without holding it whole.
 */
export async function* streamPages(
  db: LogbookDatabase,
  stream: string,
  { from = 0, to = Number.POSITIVE_INFINITY }: { from?: number; to?: number },
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<RecordedEvent[]> {
  for (let lowest = from; lowest <= to; ) {
    const page = (await db.events
      .where('[stream+version]')
      .between([stream, lowest], [stream, to], true, true)
      .limit(pageSize)
      .toArray()) as RecordedEvent[];
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    lowest = (page.at(-1) as RecordedEvent).version + 1;
  }
}

export async function readAll(
  db: LogbookDatabase,
  options?: ReadAllOptions | null,
): Promise<ReadAllPage> {
  const filters = parseReadAllOptions(options);
  const { after = 0, limit = DEFAULT_PAGE_SIZE } = filters;
  const wanted = logFilter(filters);
  let collection = db.events.where('position').above(after);
  if (wanted) collection = collection.filter(wanted);
  const rows = (await collection.limit(limit + 1).toArray()) as RecordedEvent[];
  const events = rows.slice(0, limit);
  return { events, lastPosition: events.at(-1)?.position ?? after, hasMore: rows.length > limit };
}

/** The (checked) filters of a log read as one test of an event, or undefined when there are none. */
function logFilter({
  types,
  stream,
  streamPrefix,
  clientId,
  recordedFrom,
  recordedTo,
}: ReadAllOptions): ((event: RecordedEvent) => boolean) | undefined {
  const tests: ((event: RecordedEvent) => boolean)[] = [];
  if (types) {
    const wantedTypes = new Set(types);
    tests.push((event) => wantedTypes.has(event.type));
  }
  if (stream !== undefined) tests.push((event) => event.stream === stream);
  if (streamPrefix !== undefined) tests.push((event) => event.stream.startsWith(streamPrefix));
  if (clientId !== undefined) tests.push((event) => event.metadata.clientId === clientId);
  if (recordedFrom !== undefined) tests.push((event) => event.metadata.recordedAt >= recordedFrom);
  if (recordedTo !== undefined) tests.push((event) => event.metadata.recordedAt <= recordedTo);
  if (tests.length === 0) return undefined;
  return (event) => tests.every((test) => test(event));
}

export async function headPosition(db: LogbookDatabase): Promise<number> {
  return ((await db.events.orderBy('position').lastKey()) as number | undefined) ?? 0;
}
