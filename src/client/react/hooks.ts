import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { Command } from '../../core/commands';
import type { RecordedEvent } from '../../core/events';
import type {
  CommandResult,
  ListQuery,
  ProjectionStatus,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  SyncSummary,
} from '../../core/store';
import type { LiveRead } from '../../transport/workerApi';
import type { LiveSnapshot } from '../liveReads';
import { useLogbook } from './LogbookProvider';

export interface CommandState<C> {
  /** Sends a command; resolves with its result or rejects with its error (also kept in `error`). */
  execute: (command: C) => Promise<CommandResult>;
  /** True while at least one command sent from this hook is in flight. */
  pending: boolean;
  /** The last command's error (a `CommandRejectedError`, `ValidationError`, ...) until the next send or `reset`. */
  error: Error | null;
  reset: () => void;
}

export function useCommand(): CommandState<Command> {
  const { client } = useLogbook();
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const execute = useCallback(
    async (command: Command) => {
      setError(null);
      setInFlight((count) => count + 1);
      try {
        return await client.execute(command as never);
      } catch (caught) {
        setError(caught instanceof Error ? caught : new Error(String(caught)));
        throw caught;
      } finally {
        setInFlight((count) => count - 1);
      }
    },
    [client],
  );
  const reset = useCallback(() => setError(null), []);
  return { execute, pending: inFlight > 0, error, reset };
}

/** Any live read: re-renders when what it read changes, from this tab or another; no polling. */
export function useLiveRead<T>(read: LiveRead): LiveSnapshot<T> {
  const { liveReads } = useLogbook();
  const key = JSON.stringify(read);
  // The read is identified by its JSON, so a new but equal object does not restart the watch.
  const stableRead = useMemo(() => JSON.parse(key) as LiveRead, [key]);
  const subscribe = useCallback(
    (notify: () => void) => liveReads.subscribe(stableRead, notify),
    [liveReads, stableRead],
  );
  const getSnapshot = useCallback(() => liveReads.snapshot(stableRead), [liveReads, stableRead]);
  return useSyncExternalStore(subscribe, getSnapshot) as LiveSnapshot<T>;
}

export function useView<T>(projection: string, key: string): LiveSnapshot<T | undefined> {
  return useLiveRead({ method: 'get', args: [projection, key] });
}

/** A list, live: a frozen array, in which the rows a change did not touch are the same objects. */
export function useList<T>(projection: string, query?: ListQuery): LiveSnapshot<readonly T[]> {
  return useLiveRead({ method: 'list', args: query ? [projection, query] : [projection] });
}

export function useStream(
  stream: string,
  options?: ReadStreamOptions,
): LiveSnapshot<readonly RecordedEvent[]> {
  return useLiveRead({ method: 'readStream', args: options ? [stream, options] : [stream] });
}

/** Sync status, pending count and rejected commands, live (the same in every tab). */
export function useSyncSummary(): LiveSnapshot<SyncSummary> {
  return useLiveRead({ method: 'syncSummary', args: [] });
}

/** The position of the newest event (how many events this device has stored), live. */
export function useHeadPosition(): LiveSnapshot<number> {
  return useLiveRead({ method: 'headPosition', args: [] });
}

/** One page of the whole log, optionally filtered; live, so new events that match appear. */
export function useLog(options: ReadAllOptions = {}): LiveSnapshot<ReadAllPage> {
  return useLiveRead({ method: 'readAll', args: [options] });
}

/** Each projection's version and whether it is ready or being rebuilt (with progress), live. */
export function useProjectionStatus(): LiveSnapshot<ProjectionStatus[]> {
  return useLiveRead({ method: 'projectionStatus', args: [] });
}
