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
      const stored = events.map((event, i) => ({ ...event, position: log.length + i + 1 }));
      for (const event of stored) {
        log.push(event);
        byId.set(event.id, event);
        versions.set(event.stream, event.version);
      }
      return stored;
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
