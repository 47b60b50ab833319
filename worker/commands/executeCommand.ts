import pRetry from 'p-retry';
import { v7 as uuidv7 } from 'uuid';
import type { Domain } from '../../src/core/domain';
import { WrongExpectedVersionError } from '../../src/core/errors';
import type { RecordedEvent } from '../../src/core/events';
import { outcomeOf, unwrap } from '../../src/core/outcome';
import type { CommandResult } from '../../src/core/store';
import { validateAppends, validateCommand } from '../../src/core/validation';
import type { LogbookDatabase } from '../store/database';
import { writeEvents } from '../store/writeEvents';
import { decideCommand } from './decideCommand';

export interface ExecuteContext {
  db: LogbookDatabase;
  domain: Domain;
  clientId: string;
  maxEventBytes: number;
  /** How many times to decide again after losing a race to another writer. */
  retries: number;
}

/** Thrown inside the write transaction when another execution of the same command id won. */
class AlreadyExecuted extends Error {}

export async function executeCommand(
  context: ExecuteContext,
  input: unknown,
): Promise<CommandResult> {
  const { db, domain } = context;
  const { aggregate, command: validated } = validateCommand(domain, input);
  const command = { ...validated, id: validated.id ?? uuidv7() };
  // The first decision is read alongside the check for an earlier execution of this id.
  const [earlier, firstDecision] = await Promise.all([
    firstResult(db, command.id),
    outcomeOf(decideCommand(db, domain, aggregate, command)),
  ]);
  if (earlier) return earlier;

  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts++;
        const appends =
          attempts === 1
            ? unwrap(firstDecision)
            : await decideCommand(db, domain, aggregate, command);
        validateAppends(appends, { ...context, commandId: command.id });
        const recorded = await writeEvents(
          db,
          domain,
          appends,
          { clientId: context.clientId, commandId: command.id, now: Date.now(), freshIds: true },
          {
            beforeWrite: async () => {
              if (await db.commands.get(command.id)) throw new AlreadyExecuted();
            },
            row: (events) => ({
              id: command.id,
              command,
              eventIds: events.map((event) => event.id),
              recordedAt: Date.now(),
              status: 'done',
              reason: null,
            }),
          },
        );
        return { commandId: command.id, events: recorded.flat(), attempts };
      },
      {
        retries: context.retries,
        shouldRetry: ({ error }) => error instanceof WrongExpectedVersionError,
        minTimeout: 1,
        maxTimeout: 50,
        randomize: true,
      },
    );
  } catch (error) {
    if (error instanceof AlreadyExecuted)
      return (await firstResult(db, command.id)) as CommandResult;
    throw error;
  }
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
