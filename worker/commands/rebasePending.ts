import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { CommandRejectedError } from '../../src/core/errors';
import type { NewEvent, RecordedEvent } from '../../src/core/events';
import { jsonEqual } from '../../src/core/json';
import type { RejectedCommand } from '../../src/core/store';
import { aggregateFor } from '../../src/core/validation';
import type { CommandRow, EventRow, LogbookDatabase, SnapshotRow } from '../db/database';
import { rowsAtKeys } from '../db/rangeReads';
import { asPending } from '../db/syncStates';
import { addToLog, type StreamAppend } from '../log/appendStreams';
import { applyProjections } from '../projections/applyProjections';
import { decide } from './decideCommand';
import { type CommandGroup, groupByCommand } from './groupByCommand';
import { type MissingStream, RebasedStreams } from './rebasedStreams';

export interface RebaseContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
  /** Other devices' events just settled, by stream: what the pending work conflicted with. */
  theirs: Map<string, RecordedEvent[]>;
}

/**
 * Appends pending work again on top of the log as it now stands, in the order it was first done:
 * each command is decided again (or rejected, or resolved, per its aggregate's strategy) and
 * events appended without a command are re-appended as they were. Work in `forced` (by command
 * id, or by event id for an event appended without a command) is rejected with the reason given
 * instead. Runs inside the pull's transaction, after the old pending events left the log.
 * Decisions run on states kept in memory; the events, their projections and the command records
 * are written once, at the end.
 */
export async function rebasePending(
  context: RebaseContext,
  pending: readonly RecordedEvent[],
  forced: ReadonlyMap<string, string> = new Map(),
): Promise<RejectedCommand[]> {
  const groups = groupByCommand(pending);
  const rows = await commandRows(context.db, groups);
  const streams = new RebasedStreams(context.db, context.theirs);
  // The streams the work was on are read up front, side by side; a decision may still name more.
  await streams.readAll(groups.flatMap((group) => streamsOf(context.domain, group, rows)));
  const changedRows: CommandRow[] = [];
  const snapshots: SnapshotRow[] = [];
  const rejected: RejectedCommand[] = [];
  const reject = (row: CommandRow, reason: string) => {
    changedRows.push({ ...row, status: 'rejected', reason, eventIds: [] });
    rejected.push({ commandId: row.id, type: row.command.type, reason });
  };

  for (const group of groups) {
    const first = group.events[0] as RecordedEvent;
    const row = group.commandId ? rows.get(group.commandId) : undefined;
    const refusal = forced.get(group.commandId ?? first.id);
    if (refusal !== undefined) {
      reject(row ?? asCommandRow(first), refusal);
      continue;
    }
    let step = rebaseGroup(context, streams, group.events, row);
    while ('missing' in step) {
      await streams.read(step.missing);
      step = rebaseGroup(context, streams, group.events, row);
    }
    if (!row) continue;
    if ('reason' in step) {
      reject(row, step.reason);
    } else {
      if (!jsonEqual(row.eventIds, step.eventIds))
        changedRows.push({ ...row, eventIds: step.eventIds });
      snapshots.push(...step.snapshots);
    }
  }

  await writeRebased(context, streams.rows, changedRows, snapshots);
  return rejected;
}

type GroupStep =
  | { missing: MissingStream }
  | { reason: string }
  | { eventIds: string[]; snapshots: SnapshotRow[] };

/**
 * Rebases one command's events (or events appended without a command, as they were), or names
 * the stream to read first. Appends only once the whole group is decided.
 */
function rebaseGroup(
  context: RebaseContext,
  streams: RebasedStreams,
  previous: RecordedEvent[],
  row: CommandRow | undefined,
): GroupStep {
  const now = previous[0]?.metadata.recordedAt ?? Date.now();
  const appendContext = { clientId: context.clientId, commandId: row?.id ?? null, now };
  const outcome = row ? redecide(context, streams, row, previous) : { appends: regroup(previous) };
  if ('missing' in outcome) {
    const unfoldable = streams.unfoldable(outcome.missing.stream);
    return unfoldable === undefined ? outcome : { reason: unfoldable };
  }
  if (!('appends' in outcome)) return outcome;
  const unread = outcome.appends.find(({ stream }) => streams.version(stream) === undefined);
  if (unread) return { missing: { stream: unread.stream } };
  const appends = row ? keepIds(outcome.appends, previous) : outcome.appends;
  for (const append of appends) streams.append(append.stream, append.events, appendContext);
  return {
    eventIds: appends.flatMap((append) => append.events.map((event) => event.id as string)),
    snapshots: appends.flatMap((append) => append.snapshot ?? []),
  };
}

/** The streams a group's work goes to again: its command's, or where its events were. */
function streamsOf(
  domain: Domain,
  group: CommandGroup,
  rows: Map<string, CommandRow>,
): MissingStream[] {
  const row = group.commandId ? rows.get(group.commandId) : undefined;
  if (!row) return group.events.map(({ stream }) => ({ stream }));
  const aggregate = aggregateFor(domain, row.command.type);
  return [{ aggregate, stream: aggregate.streamOf(row.command) }];
}

/**
 * An event appended without a command, as a command of its own (its id and type): when it is
 * rejected, the rejection is recorded and listed with the commands'.
 */
function asCommandRow({ id, type, data, metadata }: RecordedEvent): CommandRow {
  return {
    id,
    command: { type, id, data },
    eventIds: [id],
    recordedAt: metadata.recordedAt,
    status: 'done',
    reason: null,
  };
}

/** The pending commands' records: time-ordered ids put them side by side, read as one range. */
function commandRows(db: LogbookDatabase, groups: CommandGroup[]) {
  const ids = [...new Set(groups.flatMap((group) => group.commandId ?? []))];
  return rowsAtKeys(db.commands, ids, (row) => row.id);
}

async function writeRebased(
  { db, domain }: RebaseContext,
  rows: Omit<EventRow, 'position'>[],
  commands: CommandRow[],
  snapshots: SnapshotRow[],
): Promise<void> {
  const positions = await addToLog(db, rows.map(asPending));
  const events = rows.map((row, i) =>
    db.inCurrentShape({ ...row, position: positions[i] } as RecordedEvent),
  );
  await applyProjections(db, domain.projections, events, 'unsettled');
  await db.commands.bulkPut(commands);
  await db.snapshots.bulkPut(snapshots);
}

function redecide(
  context: RebaseContext,
  streams: RebasedStreams,
  row: CommandRow,
  previous: RecordedEvent[],
): { appends: StreamAppend[] } | { reason: string } | { missing: MissingStream } {
  const { domain } = context;
  const aggregate = aggregateFor(domain, row.command.type);
  const command = resolveConflict(context, streams, aggregate, row.command, previous);
  if ('reason' in command || 'missing' in command) return command;
  try {
    return decide(streams.state, domain, aggregateFor(domain, command.type), {
      ...command,
      id: row.id,
    });
  } catch (error) {
    if (error instanceof CommandRejectedError) return { reason: error.reason };
    throw error;
  }
}

/** Applies the aggregate's conflict strategy when other devices changed the command's streams. */
function resolveConflict(
  context: RebaseContext,
  streams: RebasedStreams,
  aggregate: AnyAggregate,
  command: Command,
  previous: RecordedEvent[],
): Command | { reason: string } | { missing: MissingStream } {
  const strategy = aggregate.onConflict ?? 'rebase';
  const theirs = [...new Set(previous.map((event) => event.stream))].flatMap(
    (stream) => context.theirs.get(stream) ?? [],
  );
  if (strategy === 'rebase' || theirs.length === 0) return command;
  if (strategy === 'reject') return { reason: 'Another device changed this first' };
  const stream = aggregate.streamOf(command);
  const loaded = streams.state(aggregate, stream);
  if (!loaded) return { missing: { aggregate, stream } };
  const resolved = strategy({ command, state: loaded.state, theirs });
  return 'reject' in resolved ? { reason: resolved.reject } : resolved;
}

/**
 * Gives every decided event an id. One that comes out the same as before (same stream, type and
 * data) keeps its old id, so a server that already stored it recognises it.
 */
function keepIds(appends: StreamAppend[], previous: RecordedEvent[]): StreamAppend[] {
  const reusable = [...previous];
  return appends.map((append) => ({
    ...append,
    events: append.events.map((event): NewEvent => {
      const match = reusable.findIndex(
        (old) =>
          old.stream === append.stream &&
          old.type === event.type &&
          jsonEqual(old.data, event.data),
      );
      const [old] = match >= 0 ? reusable.splice(match, 1) : [];
      return old ? { ...event, id: old.id } : event;
    }),
  }));
}

/** Events appended without a command, as appends per stream, as they were. */
function regroup(events: RecordedEvent[]): StreamAppend[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const { stream, type, data, id, metadata } of events) {
    byStream.set(stream, [...(byStream.get(stream) ?? []), { type, data, id, metadata }]);
  }
  return [...byStream].map(([stream, streamEvents]) => ({
    stream,
    expectedVersion: 'any',
    events: streamEvents,
  }));
}
