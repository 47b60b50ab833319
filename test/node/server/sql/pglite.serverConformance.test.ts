import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { pgliteClient, sqlStorage } from '../../../../src/server/sql/pglite';
import { syncServerConformance } from '../serverConformance';
import { EMPTY_SERVER_TABLES } from './serverTables';

// One PGlite for the whole suite (a new one takes seconds to start), emptied before each test;
// closing a storage leaves the database open for the next.
const db = new PGlite();
const open = () => sqlStorage({ ...pgliteClient(db), close: async () => undefined });
// Migrated once; a PGlite takes seconds to start on a busy machine.
beforeAll(async () => {
  await open();
}, 60_000);
beforeEach(() => db.exec(EMPTY_SERVER_TABLES));
afterAll(() => db.close());

syncServerConformance('PGlite (in memory)', open);
