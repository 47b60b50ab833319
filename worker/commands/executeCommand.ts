import pRetry from 'p-retry';
import { v7 as uuidv7 } from 'uuid';
import type { Command } from '../../src/core/commands';
import type { AnyAggregate, Domain } from '../../src/core/domain';
import { CommandConflictError, WrongExpectedVersionError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import { outcomeOf, unwrap } from '../../src/core/outcome';
import type { CommandResult } from '../../src/core/store';
import { validateAppends, validateCommand } from '../../src/core/validation';
import type { LogbookDatabase } from '../db/database';
import type { StreamAppend } from '../log/appendStreams';
import { writeEvents } from '../write/writeEvents';
import type { CommandQueue } from './commandQueue';
import { decideCommand } from './decideCommand';

export interface ExecuteContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
  maxEventBytes: number;
  /** How long to keep deciding again after losing the race to other tabs or devices. */
  retryMs: number;
  /** This worker's commands, run one at a time in the order they were issued. */
  queue: CommandQueue;
  /** The time recorded on events and command records. */
  now: () => number;
}

/** Thrown inside the write transaction when another execution of the same command id won. */
class AlreadyExecuted extends Error {}

/** Waits between decisions after a lost race: short, growing, jittered so tabs fall out of step. */
const RACE_BACKOFF = { minTimeout: 1, maxTimeout: 50, factor: 2, randomize: true };

/**
 * Validates a command, then queues it behind this worker's earlier ones: it is decided on the
 * state they left, and recorded unless its id was executed before (then the first result is
 * the answer). Another tab or device moving its streams between the decision and the write makes
 * it decide again, for up to `retryMs`; after that it fails with `CommandConflictError`.
 */
export async function executeCommand(
  context: ExecuteContext,
  input: unknown,
): Promise<CommandResult> {
  const { aggregate, command: validated } = validateCommand(context.domain, input);
  const command = { ...validated, id: validated.id ?? uuidv7() };
  return context.queue.run(() => decideAndRecord(context, aggregate, command));
}

async function decideAndRecord(
  context: ExecuteContext,
  aggregate: AnyAggregate,
  command: Command & { id: string },
): Promise<CommandResult> {
  const { db, domain } = context;
  // The first decision is read alongside the check for an earlier execution of this id.
  const [earlier, firstDecision] = await Promise.all([
    firstResult(db, command.id),
    outcomeOf(decideCommand(db, domain, aggregate, command)),
  ]);
  if (earlier) return earlier;

  const started = performance.now();
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts++;
        const appends =
          attempts === 1
            ? unwrap(firstDecision)
            : await decideCommand(db, domain, aggregate, command);
        return { commandId: command.id, events: await record(context, command, appends), attempts };
      },
      {
        ...RACE_BACKOFF,
        retries: Number.POSITIVE_INFINITY,
        maxRetryTime: context.retryMs,
        shouldRetry: ({ error }) => error instanceof WrongExpectedVersionError,
      },
    );
  } catch (error) {
    if (error instanceof AlreadyExecuted)
      return (await firstResult(db, command.id)) as CommandResult;
    if (error instanceof WrongExpectedVersionError) {
      throw new CommandConflictError({
        commandType: command.type,
        commandId: command.id,
        stream: error.stream,
        attempts,
        waitedMs: Math.round(performance.now() - started),
      });
    }
    throw error;
  }
}

/**
 * Writes a decision's events with the command's record, in one transaction that first proves
 * each stream still ends where the decision read it (`WrongExpectedVersionError` otherwise).
 */
async function record(
  context: ExecuteContext,
  command: Command & { id: string },
  appends: StreamAppend[],
): Promise<RecordedEvent[]> {
  const { db } = context;
  validateAppends(appends, { ...context, commandId: command.id });
  const recorded = await writeEvents(
    db,
    context.domain,
    appends,
    { clientId: context.clientId, commandId: command.id, now: context.now(), freshIds: true },
    {
      beforeWrite: async () => {
        if (await db.commands.get(command.id)) throw new AlreadyExecuted();
      },
      row: (events) => ({
        id: command.id,
        command,
        eventIds: events.map((event) => event.id),
        recordedAt: context.now(),
        status: 'done',
        reason: null,
      }),
    },
  );
  return recorded.flat();
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
