import { CommandRejectedError } from '../core/errors';

/** Refuses a command that breaks a domain rule. */
export function reject(reason: string): never {
  throw new CommandRejectedError({ reason });
}
