import { dequal } from 'dequal';
import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { CommandRejectedError } from '../../src/core/errors';
import type { NewEvent, RecordedEvent } from '../../src/core/events';
import type { RejectedCommand } from '../../src/core/store';
import { aggregateFor } from '../../src/core/validation';
import { appendStreams, type StreamAppend } from '../log/appendStreams';
import { applyProjections } from '../projections/applyProjections';
import type { CommandRow, LogbookDatabase } from '../store/database';
import { decideCommand, loadAggregate } from './decideCommand';

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
 * events appended without a command are re-appended as they were. Runs inside the pull's
 * transaction, after the old pending events left the log.
 */
export async function rebasePending(
  context: RebaseContext,
  pending: readonly RecordedEvent[],
): Promise<RejectedCommand[]> {
  const rejected: RejectedCommand[] = [];
  for (const group of groupByCommand(pending)) {
    const row = group.commandId ? await context.db.commands.get(group.commandId) : undefined;
    if (!row) {
      await appendPending(context, regroup(group.events), group.events, null);
      continue;
    }
    const outcome = await redecide(context, row, group.events);
    if ('reason' in outcome) {
      await context.db.commands.update(row.id, {
        status: 'rejected',
        reason: outcome.reason,
        eventIds: [],
      });
      rejected.push({ commandId: row.id, type: row.command.type, reason: outcome.reason });
    } else {
      const events = await appendPending(context, outcome.appends, group.events, row.id);
      await context.db.commands.update(row.id, { eventIds: events.map((event) => event.id) });
    }
  }
  return rejected;
}

async function redecide(
  context: RebaseContext,
  row: CommandRow,
  previous: RecordedEvent[],
): Promise<{ appends: StreamAppend[] } | { reason: string }> {
  const { db, domain } = context;
  const aggregate = aggregateFor(domain, row.command.type);
  const command = await resolveConflict(context, aggregate, row.command, previous);
  if ('reason' in command) return command;
  try {
    return {
      appends: await decideCommand(db, domain, aggregateFor(domain, command.type), {
        ...command,
        id: row.id,
      }),
    };
  } catch (error) {
    if (error instanceof CommandRejectedError) return { reason: error.reason };
    throw error;
  }
}

/** Applies the aggregate's conflict strategy when other devices changed the command's streams. */
async function resolveConflict(
  context: RebaseContext,
  aggregate: AnyAggregate,
  command: Command,
  previous: RecordedEvent[],
): Promise<Command | { reason: string }> {
  const strategy = aggregate.onConflict ?? 'rebase';
  const theirs = [...new Set(previous.map((event) => event.stream))].flatMap(
    (stream) => context.theirs.get(stream) ?? [],
  );
  if (strategy === 'rebase' || theirs.length === 0) return command;
  if (strategy === 'reject') return { reason: 'Another device changed this first' };
  const { state } = await loadAggregate(context.db, aggregate, aggregate.streamOf(command));
  const resolved = strategy({ command, state, theirs });
  return 'reject' in resolved ? { reason: resolved.reject } : resolved;
}

/**
 * Appends rebased events as pending. An event that comes out the same as before (same stream,
 * type and data) keeps its id, so a server that already stored it recognises it.
 */
async function appendPending(
  { db, domain, clientId }: RebaseContext,
  appends: StreamAppend[],
  previous: RecordedEvent[],
  commandId: string | null,
): Promise<RecordedEvent[]> {
  const reusable = [...previous];
  const withIds = appends.map((append) => ({
    ...append,
    expectedVersion: 'any' as const,
    events: append.events.map((event): NewEvent => {
      const match = reusable.findIndex(
        (old) =>
          old.stream === append.stream && old.type === event.type && dequal(old.data, event.data),
      );
      const [old] = match >= 0 ? reusable.splice(match, 1) : [];
      return old ? { ...event, id: old.id } : event;
    }),
  }));
  const recordedAt = previous[0]?.metadata.recordedAt ?? Date.now();
  const { recorded } = await appendStreams(db, withIds, { clientId, commandId, now: recordedAt });
  const events = recorded.flat();
  await db.unsettled.bulkAdd(events.map(({ position }) => ({ position })));
  await applyProjections(db, domain.projections, events, 'tentative');
  return events;
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

/** Pending events grouped by the command that produced them, in the order the work was done. */
function groupByCommand(events: readonly RecordedEvent[]) {
  const groups: { commandId: string | null; events: RecordedEvent[] }[] = [];
  for (const event of events) {
    const commandId = event.metadata.commandId;
    const last = groups.at(-1);
    if (last && last.commandId === commandId && commandId !== null) last.events.push(event);
    else groups.push({ commandId, events: [event] });
  }
  return groups;
}
