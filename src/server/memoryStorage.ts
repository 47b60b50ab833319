import { ForbiddenError } from '../core/errors';
import type { ServerEvent } from '../core/syncProtocol';
import type { StoredEvent, SyncStorage, SyncStorageTransaction } from './syncStorage';

type Listener = (scope: string, head: number) => void;

/**
 * Server storage in memory, for tests and the Node mock server. Writes to one scope take turns;
 * a failed transaction takes back what it wrote; listeners hear of heads in this process.
 */
export function memoryStorage(): SyncStorage & { clear(): void } {
  const logs = new Map<string, ServerEvent[]>();
  const byId = new Map<string, StoredEvent>();
  const streams = new Map<string, { scope: string; version: number }>();
  const devices = new Map<string, string>();
  const listeners = new Set<Listener>();
  /** Each scope's last transaction: the next one starts after it. */
  const turns = new Map<string, Promise<unknown>>();

  const logOf = (scope: string) => logs.get(scope) ?? [];

  /** Takes back the scope's events after `length`, as a failed transaction must. */
  const truncate = (scope: string, length: number) => {
    for (const event of logOf(scope).splice(length).reverse()) {
      byId.delete(event.id);
      if (event.version === 1) streams.delete(event.stream);
      else streams.set(event.stream, { scope, version: event.version - 1 });
    }
  };

  /** One transaction's operations, and what to take back if it fails. */
  const transactionOf = (scope: string) => {
    const claimed: string[] = [];
    const operations: SyncStorageTransaction = {
      async streamHead(stream) {
        return streams.get(stream) ?? null;
      },
      async eventsById(ids) {
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
      async append(events) {
        const log = logs.get(scope) ?? logs.set(scope, []).get(scope) ?? [];
        return events.map((event) => {
          // Never two events at one version of a stream, nor a gap, nor a stream in two scopes.
          const current = streams.get(event.stream);
          if (
            event.version !== (current?.version ?? 0) + 1 ||
            (current && current.scope !== scope)
          ) {
            throw new Error(
              `Cannot store version ${event.version} of ${event.stream} in scope ${scope}, at ${current?.version ?? 0} in ${current?.scope ?? 'none'}`,
            );
          }
          const stored = { ...event, position: log.length + 1 };
          log.push(stored);
          byId.set(stored.id, { ...stored, scope });
          streams.set(stored.stream, { scope, version: stored.version });
          return stored;
        });
      },
      async deviceOwner(clientId) {
        return devices.get(clientId) ?? null;
      },
      async claimDevice(clientId, sub) {
        const owner = devices.get(clientId);
        if (owner === sub) return;
        if (owner !== undefined) {
          throw new ForbiddenError({
            sub,
            scope: null,
            reason: `device ${clientId} is another user's`,
          });
        }
        devices.set(clientId, sub);
        claimed.push(clientId);
      },
    };
    const rollBack = (length: number) => {
      truncate(scope, length);
      for (const clientId of claimed) devices.delete(clientId);
    };
    return { operations, rollBack };
  };

  const announce = (scope: string, head: number) => {
    for (const listener of listeners) {
      try {
        listener(scope, head);
      } catch (error) {
        console.error('A storage listener failed:', error);
      }
    }
  };

  return {
    exclusive(scope, work) {
      const result = (turns.get(scope) ?? Promise.resolve()).then(async () => {
        const before = logOf(scope).length;
        const { operations, rollBack } = transactionOf(scope);
        try {
          const done = await work(operations);
          const head = logOf(scope).length;
          if (head !== before) announce(scope, head);
          return done;
        } catch (error) {
          rollBack(before);
          throw error;
        }
      });
      turns.set(
        scope,
        result.catch(() => undefined),
      );
      return result;
    },
    async readAfter(scope, position, limit) {
      return logOf(scope).slice(position, position + limit);
    },
    async head(scope) {
      return logOf(scope).length;
    },
    watch(listener) {
      const own: Listener = (scope, head) => listener(scope, head);
      listeners.add(own);
      return () => listeners.delete(own);
    },
    async ping() {},
    async close() {
      listeners.clear();
    },
    clear() {
      for (const scope of logs.keys()) truncate(scope, 0);
      logs.clear();
      devices.clear();
    },
  };
}
