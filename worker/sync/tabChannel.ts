import { v7 as uuidv7 } from 'uuid';
import type { SyncReport } from '../../src/core/store';
import { errorToPlain, type PlainError, plainToError } from '../../src/transport/errorTransfer';

/** What the syncing tab answers: the sync's report, or its error. */
type SyncOutcome = { report: SyncReport } | { error: PlainError };

type TabMessage =
  | { type: 'sync-now'; id: string }
  | { type: 'synced'; id: string; outcome: SyncOutcome };

/** How long a tab waits for the syncing tab to answer "sync now" before it gives up waiting. */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The tabs of one device talk over a BroadcastChannel: any tab can ask the syncing tab to sync
 * now, and hears what the sync did, or its error.
 */
export function openTabChannel(
  name: string,
  handlers: { syncNow: () => Promise<SyncReport> | undefined },
) {
  const channel = new BroadcastChannel(`logbook-tabs:${name}`);
  const waiting = new Map<string, (outcome: SyncOutcome) => void>();
  channel.onmessage = async ({ data }: MessageEvent<TabMessage>) => {
    if (data.type === 'sync-now') {
      const syncing = handlers.syncNow();
      if (syncing) {
        const outcome = await syncing.then(
          (report): SyncOutcome => ({ report }),
          (error: unknown) => ({
            error: errorToPlain(error instanceof Error ? error : new Error(String(error))),
          }),
        );
        channel.postMessage({ type: 'synced', id: data.id, outcome } satisfies TabMessage);
      }
    } else if (data.type === 'synced') {
      waiting.get(data.id)?.(data.outcome);
    }
  };
  return {
    /**
     * Asks the syncing tab to sync; resolves with what it did or rejects with its error, as this
     * tab's own sync would. Null when no tab answered in time.
     */
    askToSync(): Promise<SyncReport | null> {
      const id = uuidv7();
      return new Promise<SyncReport | null>((resolve, reject) => {
        const done = (outcome?: SyncOutcome) => {
          waiting.delete(id);
          clearTimeout(timer);
          if (!outcome) resolve(null);
          else if ('report' in outcome) resolve(outcome.report);
          else reject(plainToError(outcome.error));
        };
        const timer = setTimeout(done, ANSWER_TIMEOUT_MS);
        waiting.set(id, done);
        channel.postMessage({ type: 'sync-now', id } satisfies TabMessage);
      });
    },
    close: () => channel.close(),
  };
}
