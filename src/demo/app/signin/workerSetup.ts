import type { SyncMode } from './syncMode';

/**
 * What the shop worker must know before it opens the store, passed as the worker's name (known
 * to it at once, as `self.name`): whether it syncs with the mock in this browser or a real server.
 */
export interface WorkerSetup {
  mode: SyncMode;
}

export const workerNameOf = ({ mode }: WorkerSetup): string =>
  new URLSearchParams({ mode }).toString();

const MODES: readonly SyncMode[] = ['server', 'mock', 'off'];

/** A worker with no name (a test's) syncs with the mock. */
export function workerSetupOf(name: string): WorkerSetup {
  const asked = new URLSearchParams(name).get('mode');
  return { mode: MODES.find((mode) => mode === asked) ?? 'mock' };
}
