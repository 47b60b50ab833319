import { v7 as uuidv7 } from 'uuid';
import { EventIdConflictError, WrongExpectedVersionError } from '../../src/core/errors';
import type { NewEvent, RecordedEvent } from '../../src/core/events';
import { type ExpectedVersion, matchesExpectedVersion } from '../../src/core/expectedVersion';
import { jsonEqual } from '../../src/core/json';
import { outcomeOf, unwrap } from '../../src/core/outcome';
import { currentSchemaVersion, type Upcasters } from '../../src/core/upcasting';
import type { EventRow, LogbookDatabase, SnapshotRow } from '../db/database';
import { asPending } from '../db/syncStates';
import { type StreamHead, streamHead } from './streamVersion';

export interface StreamAppend {
  stream: string;
  expectedVersion: ExpectedVersion;
  /**
   * The log position the stream must still end at (its last event when a decision read it, 0 for
   * none): proves the stream is the one decided on, not only one at the same version (`StreamHead`).
   */
  expectedHead?: number;
  events: NewEvent[];
  /** The aggregate's state after these events, to keep as the stream's latest snapshot. */
  snapshot?: SnapshotRow;
  /** The command that decided these events, when one write records several commands. */
  commandId?: string;
}

export interface AppendContext {
  clientId: string;
  commandId: string | null;
  now: number;
  /** The event ids were just made here, so none can be stored yet: no retry to look for. */
  freshIds?: boolean;
}

/**
 * Appends to one or more streams. Must run inside a read-write transaction on `events`, so the
 * version check and the write are one step. A stream that no longer ends at `expectedHead` fails
 * the check as one at another version does (`WrongExpectedVersionError`): a lost race. Several
 * appends may go to one stream, one after another: the first is checked against the stored
 * stream, each later one against where the one before it ends (their heads are not known yet, so
 * only the first names one). Returns the recorded events, one array per append. When every
 * event id is stored already (a retry), returns the stored events, writes nothing and says so
 * with `isRetry`.
 */
export async function appendStreams(
  db: LogbookDatabase,
  appends: StreamAppend[],
  context: AppendContext,
): Promise<{ recorded: RecordedEvent[][]; isRetry: boolean }> {
  const retried = context.freshIds ? undefined : await storedRetry(db, appends);
  if (retried) return { recorded: retried, isRetry: true };

  // The version checks go out together, and with them the write when every expected version
  // names the base: IndexedDB answers in order, without a round trip between. A failed check
  // throws once the write is answered too, and the transaction's abort takes it back.
  const streams = [...new Set(appends.map(({ stream }) => stream))];
  const bases = appends.map(({ expectedVersion }) => namedBase(expectedVersion));
  const unread = provenEmptyByTheirAdd(appends);
  const [heads, early] = await Promise.all([
    Promise.all(streams.map((stream) => (unread.has(stream) ? NO_EVENTS : streamHead(db, stream)))),
    bases.every((base) => base !== undefined)
      ? outcomeOf(write(db, appends, bases, context))
      : undefined,
  ]);
  const ends = new Map(streams.map((stream, i) => [stream, heads[i] as StreamHead]));
  const versions = appends.map(({ stream, expectedVersion, expectedHead, events }) => {
    const end = ends.get(stream) as StreamHead;
    const moved = expectedHead !== undefined && end.position !== expectedHead;
    if (moved || !matchesExpectedVersion(expectedVersion, end.version)) {
      throw new WrongExpectedVersionError({
        stream,
        expected: expectedVersion,
        actual: end.version,
      });
    }
    // The next append to this stream goes on where this one ends; its position is not known yet.
    ends.set(stream, { version: end.version + events.length, position: Number.NaN });
    return end.version;
  });
  try {
    return {
      recorded: early ? unwrap(early) : await write(db, appends, versions, context),
      isRetry: false,
    };
  } catch (error) {
    await refuseStarted(db, unread);
    throw error;
  }
}

const NO_EVENTS: StreamHead = { version: 0, position: 0 };

/**
 * Fast path: the streams whose first append here expects them empty, and which these appends add
 * events to, need no read of their heads. Versions start at 1 with no gap and `[stream+version]`
 * is unique, so the add of version 1 fails exactly when the stream has events: `refuseStarted`
 * then names it as a lost race.
 */
function provenEmptyByTheirAdd(appends: readonly StreamAppend[]): Map<string, ExpectedVersion> {
  const firsts = new Map<string, StreamAppend>();
  for (const append of appends) if (!firsts.has(append.stream)) firsts.set(append.stream, append);
  const unread = new Map<string, ExpectedVersion>();
  for (const { stream, events } of appends) {
    const { expectedVersion, expectedHead } = firsts.get(stream) as StreamAppend;
    if (events.length > 0 && namedBase(expectedVersion) === 0 && !expectedHead) {
      unread.set(stream, expectedVersion);
    }
  }
  return unread;
}

/** After a failed write: a stream taken as empty that has events fails as the lost race it is. */
async function refuseStarted(
  db: LogbookDatabase,
  unread: ReadonlyMap<string, ExpectedVersion>,
): Promise<void> {
  for (const [stream, expected] of unread) {
    const { version: actual } = await streamHead(db, stream);
    if (actual > 0) throw new WrongExpectedVersionError({ stream, expected, actual });
  }
}

/** The version new events go on top of, when the writer's expectation names it. */
function namedBase(expected: ExpectedVersion): number | undefined {
  if (typeof expected === 'number') return expected;
  return expected === 'no_stream' ? 0 : undefined;
}

/** Writes every append's events on top of its base version, in one request batch. */
async function write(
  db: LogbookDatabase,
  appends: StreamAppend[],
  bases: readonly (number | undefined)[],
  context: AppendContext,
): Promise<RecordedEvent[][]> {
  const rows = appends.map(({ stream, events, commandId }, i) => {
    const recording = commandId === undefined ? context : { ...context, commandId };
    return events.map((event, index) =>
      toRow(event, stream, (bases[i] as number) + index + 1, recording, db.upcasters),
    );
  });
  const positions = await addToLog(db, rows.flat().map(asPending));
  let next = 0;
  return rows.map((streamRows) =>
    streamRows.map((row) =>
      db.inCurrentShape({ ...row, position: positions[next++] } as RecordedEvent),
    ),
  );
}

/**
 * Adds rows at the end of the log and returns their positions. Inside one read-write transaction
 * the key generator hands out consecutive positions, so only the last is asked for: asking for
 * every key makes Dexie listen to every request, which costs more than the writes' indexes.
 */
export async function addToLog(db: LogbookDatabase, rows: EventRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const last = await db.events.bulkAdd(rows);
  return rows.map((_, i) => last - rows.length + 1 + i);
}

/**
 * Takes events out of the log (only pending ones ever leave it). Positions that fill a range, as a
 * queue of pending work at the log's end does, go in one range request instead of one per event.
 */
export async function removeFromLog(
  db: LogbookDatabase,
  events: readonly Pick<RecordedEvent, 'position'>[],
): Promise<void> {
  const positions = events.map((event) => event.position).sort((a, b) => a - b);
  const first = positions[0];
  const last = positions.at(-1);
  if (first === undefined || last === undefined) return;
  if (last - first + 1 === new Set(positions).size) {
    await db.events.where('position').between(first, last, true, true).delete();
  } else {
    await db.events.bulkDelete(positions);
  }
}

/** The event a new one is recorded as, at `version` of `stream`. */
export function toRow(
  event: NewEvent,
  stream: string,
  version: number,
  context: AppendContext,
  upcasters: Upcasters | undefined,
): Omit<EventRow, 'position'> {
  return {
    id: event.id ?? uuidv7(),
    stream,
    version,
    serverPosition: null,
    type: event.type,
    data: event.data,
    metadata: {
      recordedAt: context.now,
      clientId: context.clientId,
      commandId: context.commandId,
      correlationId: event.metadata?.correlationId ?? null,
      causationId: event.metadata?.causationId ?? null,
      schemaVersion: event.metadata?.schemaVersion ?? currentSchemaVersion(upcasters, event.type),
    },
  } as Omit<EventRow, 'position'>;
}

/**
 * An append whose event ids are all stored, each with the same stream, type and data, is a retry
 * of a write that succeeded: answer with what was stored. Any other overlap is a conflict.
 */
async function storedRetry(
  db: LogbookDatabase,
  appends: StreamAppend[],
): Promise<RecordedEvent[][] | undefined> {
  const ids = appends.flatMap((append) => append.events.flatMap((event) => event.id ?? []));
  if (ids.length === 0) return undefined;
  const stored = new Map(
    (await db.events.where('id').anyOf(ids).toArray()).map((row) => [row.id, row]),
  );
  if (stored.size === 0) return undefined;
  return appends.map(({ stream, events }) =>
    events.map((event) => {
      const row = event.id === undefined ? undefined : stored.get(event.id);
      const same =
        row !== undefined &&
        row.stream === stream &&
        row.type === event.type &&
        jsonEqual(row.data, event.data);
      if (!same)
        throw new EventIdConflictError({ eventId: row?.id ?? ([...stored.keys()][0] as string) });
      return row;
    }),
  );
}
