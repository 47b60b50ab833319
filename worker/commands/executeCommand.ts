import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { Domain } from '../../src/core/domain';
import {
  CommandConflictError,
  ProjectionFailedError,
  WrongExpectedVersionError,
} from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import type { CommandResult } from '../../src/core/store';
import { validateCommand } from '../../src/core/validation';
import type { CommandRow, LogbookDatabase } from '../db/database';
import { writeEvents } from '../write/writeEvents';
import { CommandQueue, type Queued } from './commandQueue';
import { type CommandToDecide, decideGroup, type GroupDecision } from './decideGroup';
import { forgetState, keepState } from './loadAggregate';

export interface ExecuteContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
  maxEventBytes: number;
  /** How long to keep deciding again after losing the race to other tabs or devices. */
  retryMs: number;
  /** The time recorded on events and command records. */
  now: () => number;
}

/** Thrown inside the write transaction when commands of these ids were recorded before. */
class AlreadyExecuted extends Error {
  constructor(readonly commandIds: Set<string>) {
    super('already executed');
  }
}

/** Waits between decisions after a lost race: short, growing, jittered so tabs fall out of step. */
const raceBackoff = (lost: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 ** lost) * (1 + Math.random())));

/** A command in a group being committed, and how many times it lost a race, plus one. */
type Entry = Queued<CommandToDecide, CommandResult> & { attempts: number };

/**
 * `execute` for one store: validates a command, then queues it behind this worker's earlier ones.
 * The queue is committed in groups (group commit): every command waiting is decided on the state
 * the one before it left, and the group is written in one transaction that first proves each
 * stream still ends where it was read. Each command stays all-or-nothing: one rejected, invalid,
 * failing in a projection or executed before (its first result is the answer) leaves the others
 * to be written. Another tab or device moving a stream between the decisions and the write makes
 * the group decide again, for up to `retryMs`; after that the commands that read the stream fail
 * with `CommandConflictError`.
 */
export function commandExecutor(context: ExecuteContext) {
  const queue = new CommandQueue<CommandToDecide, CommandResult>((group) =>
    commitGroup(context, group),
  );
  return async (input: unknown): Promise<CommandResult> => {
    const { aggregate, command } = validateCommand(context.domain, input);
    return queue.run({ aggregate, command: { ...command, id: command.id ?? uuidv7() } });
  };
}

async function commitGroup(
  context: ExecuteContext,
  group: Queued<CommandToDecide, CommandResult>[],
): Promise<void> {
  let open: Entry[] = group.map((queued) => ({ ...queued, attempts: 1 }));
  const started = performance.now();
  // Streams a write found moved: a command that starts its stream reads it from then on.
  const moved = new Set<string>();
  for (let lost = 0; open.length > 0; ) {
    const decision = await decideGroup(
      context,
      open.map((entry) => entry.item),
      moved,
    );
    try {
      answer(open, decision, await write(context, open, decision));
      return;
    } catch (error) {
      open = await settleFailed(context, open, decision, error);
      if (!(error instanceof WrongExpectedVersionError)) continue;
      // Another writer got in first: the commands that read its stream are decided again.
      forgetState(context.db, error.stream);
      moved.add(error.stream);
      if (performance.now() - started >= context.retryMs) {
        open = giveUp(open, decision, error.stream, started);
        continue;
      }
      for (const [i, entry] of open.entries())
        if (decision.read[i]?.has(error.stream)) entry.attempts++;
      await raceBackoff(lost++);
    }
  }
}

/** Writes what the group decided, its commands' records with it; returns the recorded events. */
async function write(
  context: ExecuteContext,
  open: readonly Entry[],
  decision: GroupDecision,
): Promise<Map<string, RecordedEvent>> {
  const { db } = context;
  const rows: CommandRow[] = [];
  for (const [i, outcome] of decision.outcomes.entries()) {
    if (!('appends' in outcome)) continue;
    const { command } = (open[i] as Entry).item;
    const base = { id: command.id, command, eventIds: outcome.eventIds };
    rows.push({ ...base, recordedAt: context.now(), status: 'done', reason: null });
  }
  // Every id of the group is checked, refused ones too: a command executed before is answered
  // with its first result. A decided command's record checks its own id as it is added.
  const recordedIds = new Set(rows.map((row) => row.id));
  const unrecorded = open.flatMap(({ item }) =>
    recordedIds.has(item.command.id) ? [] : [item.command.id],
  );
  const recorded = await writeEvents(
    db,
    context.domain,
    decision.appends,
    { clientId: context.clientId, commandId: null, now: context.now(), freshIds: true },
    () => recordCommands(db, rows, unrecorded),
  );
  const events = new Map<string, RecordedEvent>();
  const lastPositions = new Map<string, number>();
  for (const event of recorded.flat()) {
    events.set(event.id, event);
    lastPositions.set(event.stream, event.position);
  }
  for (const [stream, { aggregate, state, version }] of decision.streams) {
    const position = lastPositions.get(stream);
    if (position !== undefined) keepState(db, aggregate, stream, { state, version, position });
  }
  return events;
}

/**
 * Stores the records of the commands that were decided, inside the group's write transaction, and
 * throws AlreadyExecuted naming every id of the group that was executed before. A record proves
 * its own id new: adding it fails on an id stored already, so no read goes before it. The ids
 * that record nothing (refused or invalid commands) are looked up.
 */
async function recordCommands(
  db: LogbookDatabase,
  rows: CommandRow[],
  unrecorded: readonly string[],
): Promise<void> {
  const [added, found] = await Promise.allSettled([
    rows.length > 0 && db.commands.bulkAdd(rows),
    unrecorded.length > 0 ? db.commands.bulkGet([...unrecorded]) : [],
  ]);
  const earlier = new Set<string>();
  if (found.status === 'rejected') throw found.reason;
  for (const row of found.value) if (row) earlier.add(row.id);
  if (added.status === 'rejected') {
    const failures = added.reason instanceof Dexie.BulkError ? added.reason.failuresByPos : {};
    const stored = Object.entries(failures).filter(([, e]) => e.name === 'ConstraintError');
    if (stored.length === 0 || stored.length < Object.keys(failures).length) throw added.reason;
    for (const [pos] of stored) earlier.add((rows[Number(pos)] as CommandRow).id);
  }
  if (earlier.size > 0) throw new AlreadyExecuted(earlier);
}

/** Settles every command of a written group with its own outcome. */
function answer(
  open: readonly Entry[],
  decision: GroupDecision,
  events: Map<string, RecordedEvent>,
) {
  const results: CommandResult[] = [];
  for (const [i, outcome] of decision.outcomes.entries()) {
    const entry = open[i] as Entry;
    const commandId = entry.item.command.id;
    if ('error' in outcome) {
      entry.reject(outcome.error);
    } else if ('sameAs' in outcome) {
      entry.resolve({ ...(results[outcome.sameAs] as CommandResult), attempts: 0 });
    } else {
      const recorded = outcome.eventIds.map((id) => events.get(id) as RecordedEvent);
      results[i] = { commandId, events: recorded, attempts: entry.attempts };
      entry.resolve(results[i]);
    }
  }
}

/**
 * After a write that failed: answers the commands the failure concerns alone (executed before,
 * or refused by a projection) and returns those to decide again. Any other error fails them all.
 */
async function settleFailed(
  context: ExecuteContext,
  open: Entry[],
  decision: GroupDecision,
  error: unknown,
): Promise<Entry[]> {
  if (error instanceof AlreadyExecuted) {
    const done = open.filter((entry) => error.commandIds.has(entry.item.command.id));
    for (const entry of done) {
      entry.resolve((await firstResult(context.db, entry.item.command.id)) as CommandResult);
    }
    return open.filter((entry) => !error.commandIds.has(entry.item.command.id));
  }
  if (error instanceof ProjectionFailedError) {
    const failed = decision.outcomes.findIndex(
      (outcome) => 'eventIds' in outcome && outcome.eventIds.includes(error.eventId),
    );
    if (failed < 0) throw error;
    (open[failed] as Entry).reject(error);
    return open.filter((_, i) => i !== failed);
  }
  if (error instanceof WrongExpectedVersionError) return open;
  throw error;
}

/** Fails the commands that read a stream another writer kept moving; returns the others. */
function giveUp(open: Entry[], decision: GroupDecision, stream: string, started: number) {
  const waitedMs = Math.round(performance.now() - started);
  return open.filter((entry, i) => {
    if (!decision.read[i]?.has(stream)) return true;
    const { type, id } = entry.item.command;
    entry.reject(
      new CommandConflictError({
        commandType: type,
        commandId: id,
        stream,
        attempts: entry.attempts,
        waitedMs,
      }),
    );
    return false;
  });
}

/** The result of a command id executed before: its events as stored, nothing appended. */
async function firstResult(
  db: LogbookDatabase,
  commandId: string,
): Promise<CommandResult | undefined> {
  const row = await db.commands.get(commandId);
  if (!row) return undefined;
  const events = (await db.events
    .where('id')
    .anyOf(row.eventIds)
    .sortBy('position')) as RecordedEvent[];
  return { commandId, events, attempts: 0 };
}
