import { PGlite } from '@electric-sql/pglite';
import { afterAll } from 'vitest';
import { pgliteClient, sqlStorage } from '../../../../src/server/sql/pglite';
import { describeSyncStorageConformance } from '../../../../src/testing/conformance';

// One PGlite for the whole suite (a new one takes seconds to start); every test uses names of
// its own, and closing a storage leaves the database open for the next.
const db = new PGlite();
afterAll(() => db.close());

describeSyncStorageConformance('PGlite (in memory)', () =>
  sqlStorage({ ...pgliteClient(db), close: async () => undefined }),
);
