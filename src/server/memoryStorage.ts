import type { ServerEvent } from '../core/syncProtocol';
import type { SyncStorage, SyncStorageTransaction } from './syncStorage';

/** Server storage in memory, for tests and the Node mock server. Writes take turns. */
export function memoryStorage(): SyncStorage & { clear(): void } {
  const log: ServerEvent[] = [];
  const byId = new Map<string, ServerEvent>();
  const versions = new Map<string, number>();

  /** Takes back everything after `length`, as a failed transaction must. */
  const truncate = (length: number) => {
    for (const event of log.splice(length).reverse()) {
      byId.delete(event.id);
      versions.set(event.stream, event.version - 1);
    }
  };

  const transaction: SyncStorageTransaction = {
    async streamVersion(stream) {
      return versions.get(stream) ?? 0;
    },
    async eventsById(ids) {
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    async append(events) {
      return events.map((event) => {
        // Never two events at one version (IndexedDB has a unique index for it), nor a gap.
        const current = versions.get(event.stream) ?? 0;
        if (event.version !== current + 1) {
          throw new Error(
            `Cannot store version ${event.version} of ${event.stream}, at ${current}`,
          );
        }
        const stored = { ...event, position: log.length + 1 };
        log.push(stored);
        byId.set(stored.id, stored);
        versions.set(stored.stream, stored.version);
        return stored;
      });
    },
  };

  let turn: Promise<unknown> = Promise.resolve();
  return {
    exclusive(work) {
      const result = turn.then(async () => {
        const before = log.length;
        try {
          return await work(transaction);
        } catch (error) {
          truncate(before);
          throw error;
        }
      });
      turn = result.catch(() => undefined);
      return result;
    },
    async readAfter(position, limit) {
      return log.slice(position, position + limit);
    },
    clear() {
      truncate(0);
    },
  };
}
