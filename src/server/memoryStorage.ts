import type { ServerEvent } from '../core/syncProtocol';
import type { SyncStorage, SyncStorageTransaction } from './syncStorage';

/** Server storage in memory, for tests and the Node mock server. Writes take turns. */
export function memoryStorage(): SyncStorage & { clear(): void } {
  let log: ServerEvent[] = [];
  let turn: Promise<unknown> = Promise.resolve();

  const transaction: SyncStorageTransaction = {
    async streamVersion(stream) {
      return log.filter((event) => event.stream === stream).length;
    },
    async eventsById(ids) {
      const wanted = new Set(ids);
      return log.filter((event) => wanted.has(event.id));
    },
    async append(events) {
      const stored = events.map((event, i) => ({ ...event, position: log.length + i + 1 }));
      log = [...log, ...stored];
      return stored;
    },
  };

  return {
    exclusive(work) {
      const result = turn.then(async () => {
        const before = log;
        try {
          return await work(transaction);
        } catch (error) {
          log = before;
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
      log = [];
    },
  };
}
