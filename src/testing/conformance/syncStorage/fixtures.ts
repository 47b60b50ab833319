import { afterEach } from 'vitest';
import type { ServerEvent } from '../../../core/syncProtocol';
import type { SyncStorage } from '../../../server/syncStorage';

/** How the suite gets a storage; it may be one database shared by every test (names are fresh). */
export type MakeSyncStorage = () => SyncStorage | Promise<SyncStorage>;

export type NewServerEvent = Omit<ServerEvent, 'position'>;

let names = 0;

/**
 * A name no other test uses (a scope, a stream, a device), so the suite can run on a database
 * that outlives one test, or is shared by several runs.
 */
export function fresh(kind: string): string {
  names += 1;
  return `${kind}-${Date.now().toString(36)}-${names}-${Math.random().toString(36).slice(2, 8)}`;
}

/** An event of `stream` at `version`, as the server logic hands it to `append`. */
export function eventAt(stream: string, version: number): NewServerEvent {
  return {
    id: fresh('event'),
    stream,
    version,
    type: 'Noted',
    data: { stream, version, note: 'é ✓' },
    metadata: {
      recordedAt: 1_700_000_000_000 + version,
      clientId: 'device-a',
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 1,
    },
  };
}

/** `count` events of `stream`, at the versions after `from`. */
export const eventsAfter = (stream: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => eventAt(stream, from + i + 1));

/** Opens a storage for one test and closes it after the test. */
export function storageFor(makeStorage: MakeSyncStorage): () => Promise<SyncStorage> {
  const opened: SyncStorage[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  return async () => {
    const storage = await makeStorage();
    opened.push(storage);
    return storage;
  };
}

/** Appends in one transaction of `scope`; resolves with what the storage answered. */
export const appendIn = (storage: SyncStorage, scope: string, events: readonly NewServerEvent[]) =>
  storage.exclusive(scope, (tx) => tx.append(events));
