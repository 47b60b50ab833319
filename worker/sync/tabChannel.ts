import type { NetworkSimulation } from '../../src/transport/workerApi';

type TabMessage =
  | { type: 'sync-now'; id: string }
  | { type: 'synced'; id: string }
  | { type: 'network'; settings: Partial<NetworkSimulation> };

/** How long a tab waits for the syncing tab to answer "sync now" before it gives up waiting. */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The tabs of one device talk over a BroadcastChannel: any tab can ask the syncing tab to sync
 * now, and a change to the simulated network reaches every tab.
 */
export function openTabChannel(
  name: string,
  handlers: {
    syncNow: () => Promise<void> | undefined;
    network: (settings: Partial<NetworkSimulation>) => void;
  },
) {
  const channel = new BroadcastChannel(`logbook-tabs:${name}`);
  const waiting = new Map<string, () => void>();
  channel.onmessage = async ({ data }: MessageEvent<TabMessage>) => {
    if (data.type === 'sync-now') {
      const syncing = handlers.syncNow();
      if (syncing) {
        await syncing;
        channel.postMessage({ type: 'synced', id: data.id } satisfies TabMessage);
      }
    } else if (data.type === 'synced') {
      waiting.get(data.id)?.();
    } else {
      handlers.network(data.settings);
    }
  };
  return {
    /** Asks the syncing tab to sync; resolves when it has (or after a timeout). */
    askToSync(): Promise<void> {
      const id = crypto.randomUUID();
      return new Promise<void>((resolve) => {
        const done = () => {
          waiting.delete(id);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, ANSWER_TIMEOUT_MS);
        waiting.set(id, done);
        channel.postMessage({ type: 'sync-now', id } satisfies TabMessage);
      });
    },
    shareNetwork(settings: Partial<NetworkSimulation>) {
      channel.postMessage({ type: 'network', settings } satisfies TabMessage);
    },
    close: () => channel.close(),
  };
}
