import { Dexie } from 'dexie';
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
  const proven = provenByTheirAdd(appends);
  const earlyRows = bases.every((base) => base !== undefined)
    ? rowsOf(db, appends, bases, context)
    : undefined;
  const [heads, early] = await Promise.all([
    Promise.all(streams.map((stream) => headToCheck(db, stream, proven.get(stream)))),
    earlyRows && outcomeOf(write(db, earlyRows)),
  ]);
  const ends = new Map(streams.map((stream, i) => [stream, heads[i] as StreamHead]));
  const versions: number[] = [];
  for (const { stream, expectedVersion, expectedHead, events } of appends) {
    const end = ends.get(stream) as StreamHead;
    const moved = expectedHead !== undefined && end.position !== expectedHead;
    if (moved || !matchesExpectedVersion(expectedVersion, end.version)) {
      // A head read at its named version (`headToCheck`) says the stream reaches it, not where it ends.
      const stored = proven.has(stream) && !Number.isNaN(end.position);
      const actual = stored ? await versionOfOthers(db, stream, earlyRows ?? []) : end.version;
      throw new WrongExpectedVersionError({ stream, expected: expectedVersion, actual });
    }
    // The next append to this stream goes on where this one ends; its position is not known yet.
    ends.set(stream, { version: end.version + events.length, position: Number.NaN });
    versions.push(end.version);
  }
  const rows = earlyRows ?? rowsOf(db, appends, versions, context);
  try {
    return { recorded: early ? unwrap(early) : await write(db, rows), isRetry: false };
  } catch (error) {
    await refuseMoved(db, proven, rows);
    throw error;
  }
}

const NO_EVENTS: StreamHead = { version: 0, position: 0 };

/**
 * Fast path: the streams whose first append here names the version it goes on top of, and which
 * these appends add events to, need no read of where they end, only (past version 0) of where
 * that version is. Versions start at 1 with no gap and `[stream+version]` is unique, so the add
 * of the next version fails exactly when the stream goes on past the named one: `refuseMoved`
 * then names it as a lost race. Returns each such stream's expected version.
 */
function provenByTheirAdd(appends: readonly StreamAppend[]): Map<string, ExpectedVersion> {
  const firsts = new Map<string, StreamAppend>();
  for (const append of appends) if (!firsts.has(append.stream)) firsts.set(append.stream, append);
  const proven = new Map<string, ExpectedVersion>();
  for (const { stream, events } of appends) {
    const { expectedVersion, expectedHead } = firsts.get(stream) as StreamAppend;
    const base = namedBase(expectedVersion);
    if (events.length > 0 && base !== undefined && !(base === 0 && expectedHead)) {
      proven.set(stream, expectedVersion);
    }
  }
  return proven;
}

/**
 * The head a stream's version check is made against: read whole, or under `provenByTheirAdd` the
 * named version itself at its position (its key only), read whole when the stream has no such one.
 */
async function headToCheck(
  db: LogbookDatabase,
  stream: string,
  expected: ExpectedVersion | undefined,
): Promise<StreamHead> {
  const named = expected === undefined ? undefined : namedBase(expected);
  if (named === undefined) return streamHead(db, stream);
  if (named === 0) return NO_EVENTS;
  const [position] = await db.events
    .where('[stream+version]')
    .equals([stream, named])
    .primaryKeys();
  return position === undefined ? streamHead(db, stream) : { version: named, position };
}

/** After a failed write: a stream taken to end at its named version that went on lost a race. */
async function refuseMoved(
  db: LogbookDatabase,
  proven: ReadonlyMap<string, ExpectedVersion>,
  rows: readonly NewRow[][],
): Promise<void> {
  for (const [stream, expected] of proven) {
    const actual = await versionOfOthers(db, stream, rows);
    if (actual !== namedBase(expected)) {
      throw new WrongExpectedVersionError({ stream, expected, actual });
    }
  }
}

/**
 * Where a stream ends but for the rows of this write (`rows`) that went in before it failed and
 * its transaction aborts: told apart by their ids, so a stream only this write went on is not
 * taken to have moved.
 */
async function versionOfOthers(
  db: LogbookDatabase,
  stream: string,
  rows: readonly NewRow[][],
): Promise<number> {
  const ours = new Set(rows.flat().map((row) => row.id));
  const last = await db.events
    .where('[stream+version]')
    .between([stream, Dexie.minKey], [stream, Dexie.maxKey])
    .reverse()
    .filter((event) => !ours.has(event.id))
    .first();
  return last?.version ?? 0;
}

/** The version new events go on top of, when the writer's expectation names it. */
function namedBase(expected: ExpectedVersion): number | undefined {
  if (typeof expected === 'number') return expected;
  return expected === 'no_stream' ? 0 : undefined;
}

type NewRow = Omit<EventRow, 'position'>;

/** The rows every append's events are recorded as, on top of its base version. */
function rowsOf(
  db: LogbookDatabase,
  appends: readonly StreamAppend[],
  bases: readonly (number | undefined)[],
  context: AppendContext,
): NewRow[][] {
  return appends.map(({ stream, events, commandId }, i) => {
    const recording = commandId === undefined ? context : { ...context, commandId };
    return events.map((event, index) =>
      toRow(event, stream, (bases[i] as number) + index + 1, recording, db.upcasters),
    );
  });
}

/** Writes the rows, one array per append, in one request batch; returns them as recorded. */
async function write(db: LogbookDatabase, rows: readonly NewRow[][]): Promise<RecordedEvent[][]> {
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
