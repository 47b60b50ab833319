import { CommandRejectedError } from 'logbook';

/** Refuses a command that breaks a domain rule. */
export function reject(reason: string): never {
  throw new CommandRejectedError({ reason });
}
