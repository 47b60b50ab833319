import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/server/sql/migrations';
import { pgliteStorage } from '../../../../src/server/sql/pglite';
import { appendIn, eventsAfter } from '../../../../src/testing/conformance/syncStorage/fixtures';
import { sqlStorageFeatures } from './sqlStorageFeatures';

describe('PGlite storage', () => {
  sqlStorageFeatures(() => pgliteStorage());

  describe('on disk', () => {
    const dirs: string[] = [];
    afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

    it('applies its migrations once and keeps the data when opened again', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'logbook-pglite-'));
      dirs.push(dataDir);
      const first = await pgliteStorage({ dataDir });
      const events = eventsAfter('order-1', 0, 3);
      const stored = await appendIn(first, 'shop-1', events);
      await first.close();

      const again = await pgliteStorage({ dataDir });
      expect(await again.readAfter('shop-1', 0, 10)).toEqual(stored);
      expect(await again.head('shop-1')).toBe(3);
      const next = await appendIn(again, 'shop-1', eventsAfter('order-1', 3, 1));
      expect(next.map((event) => event.position)).toEqual([4]);
      await again.close();

      const db = await PGlite.create(dataDir);
      const applied = await db.query<{ version: number }>(
        'select version from logbook_migrations order by version',
      );
      expect(applied.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      await db.close();
    });
  });
});
