import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from '../../../../src/core/errors';
import { MIGRATIONS } from '../../../../src/server/sql/migrations';
import { postgresStorage } from '../../../../src/server/sql/postgres';
import type { SyncStorage } from '../../../../src/server/syncStorage';
import {
  appendIn,
  eventAt,
  eventsAfter,
  fresh,
} from '../../../../src/testing/conformance/syncStorage/fixtures';
import { cuttableProxy } from './cuttableProxy';
import { sqlStorageFeatures } from './sqlStorageFeatures';
import { serverUrl, testDatabase } from './testDatabase';

describe.skipIf(!serverUrl)('Postgres storage', () => {
  const database = testDatabase();
  const opened: SyncStorage[] = [];
  afterEach(() => Promise.all(opened.splice(0).map((storage) => storage.close())));
  const open = async (url = database.url()) => {
    const storage = await postgresStorage({ url });
    opened.push(storage);
    return storage;
  };

  sqlStorageFeatures(() => postgresStorage({ url: database.url() }), { instances: 2 });

  describe('migrations', () => {
    const empty = testDatabase();

    it('applies each migration once when several instances start at once', async () => {
      await Promise.all(Array.from({ length: 4 }, () => open(empty.url())));
      const sql = postgres(empty.url(), { max: 1 });
      const applied = await sql`select version from logbook_migrations order by version`;
      await sql.end();
      expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    });
  });

  describe('two instances on one database', () => {
    it('tells a watch on one instance of the other’s commits, the last head always', async () => {
      const [a, b] = [await open(), await open()];
      const scope = fresh('scope');
      const heard: number[] = [];
      const stop = b.watch((s, head) => {
        if (s === scope) heard.push(head);
      });
      const stream = fresh('stream');
      await appendIn(a, scope, eventsAfter(stream, 0, 1));
      await vi.waitFor(() => expect(heard).toEqual([1]));
      // Thirty pushes at once into that scope: notices coalesce, the last one arrives.
      await Promise.all(
        Array.from({ length: 30 }, () => appendIn(a, scope, [eventAt(fresh('stream'), 1)])),
      );
      await vi.waitFor(() => expect(heard.at(-1)).toBe(31));
      expect(heard).toEqual([...heard].sort((x, y) => x - y));
      stop();
    });
  });

  describe('when the database cannot be reached', () => {
    const proxies: Awaited<ReturnType<typeof cuttableProxy>>[] = [];
    afterAll(() => Promise.all(proxies.map((proxy) => proxy.close())));
    const proxied = async () => {
      const proxy = await cuttableProxy(database.url());
      proxies.push(proxy);
      return proxy;
    };

    it('refuses to open with StorageUnavailableError', async () => {
      const proxy = await proxied();
      await proxy.cut();
      const opening = postgresStorage({ url: proxy.url() });
      await expect(opening).rejects.toBeInstanceOf(StorageUnavailableError);
      // Its reason names no host or port: the app's 503 answer may carry it.
      await expect(opening).rejects.toMatchObject({
        reason: 'Postgres cannot be reached (ECONNREFUSED)',
      });
    });

    it('throws StorageUnavailableError from every call, and recovers when it returns', async () => {
      const proxy = await proxied();
      const storage = await open(proxy.url());
      const direct = await open();
      const scope = fresh('scope');
      const stream = fresh('stream');
      await appendIn(storage, scope, eventsAfter(stream, 0, 1));
      const heard: number[] = [];
      storage.watch((s, head) => {
        if (s === scope) heard.push(head);
      });

      await proxy.cut();
      const unavailable = expect.any(StorageUnavailableError);
      await expect(storage.ping()).rejects.toEqual(unavailable);
      await expect(storage.head(scope)).rejects.toEqual(unavailable);
      await expect(storage.readAfter(scope, 0, 10)).rejects.toEqual(unavailable);
      await expect(appendIn(storage, scope, eventsAfter(stream, 1, 1))).rejects.toEqual(
        unavailable,
      );
      // Another instance commits meanwhile: this one's LISTEN connection is down, so it misses
      // the notice, and must catch up once it listens again.
      await appendIn(direct, scope, eventsAfter(stream, 1, 2));

      await proxy.restore();
      await expect(storage.ping()).resolves.toBeUndefined();
      const stored = await appendIn(storage, scope, eventsAfter(stream, 3, 1));
      expect(stored.map((event) => event.position)).toEqual([4]);
      expect((await storage.readAfter(scope, 0, 10)).map((event) => event.version)).toEqual([
        1, 2, 3, 4,
      ]);
      await vi.waitFor(() => expect(heard.at(-1)).toBe(4), { timeout: 10_000 });
    });

    it('catches up on the heads it missed once it listens again, with no commit after', async () => {
      const proxy = await proxied();
      const storage = await open(proxy.url());
      const direct = await open();
      const scope = fresh('scope');
      const heard: number[] = [];
      storage.watch((s, head) => {
        if (s === scope) heard.push(head);
      });
      await proxy.cut();
      await appendIn(direct, scope, eventsAfter(fresh('stream'), 0, 2));
      await proxy.restore();
      await vi.waitFor(() => expect(heard).toEqual([2]), { timeout: 10_000 });
    });
  });
});
