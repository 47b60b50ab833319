import { findPerson, type Person } from '../../people';
import type { SyncMode } from './syncMode';

/**
 * What the shop worker must know before it opens the store, passed as the worker's name (known
 * to it at once, as `self.name`): where it syncs, who is signed in, how long their tokens last.
 */
export interface WorkerSetup {
  mode: SyncMode;
  person?: Person;
  tokenSeconds?: number;
}

export function workerNameOf({ mode, person, tokenSeconds }: WorkerSetup): string {
  return new URLSearchParams({
    mode,
    ...(person ? { person: person.id } : {}),
    ...(tokenSeconds ? { tokenSeconds: String(tokenSeconds) } : {}),
  }).toString();
}

/** A worker with no name (a test's) syncs with the mock, as no one in particular. */
export function workerSetupOf(name: string): WorkerSetup {
  const params = new URLSearchParams(name);
  const person = findPerson(params.get('person'));
  const tokenSeconds = Number(params.get('tokenSeconds'));
  return {
    mode: params.get('mode') === 'server' ? 'server' : 'mock',
    ...(person ? { person } : {}),
    ...(tokenSeconds > 0 ? { tokenSeconds } : {}),
  };
}
