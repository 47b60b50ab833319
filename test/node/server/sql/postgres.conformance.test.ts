import { describe } from 'vitest';
import { postgresStorage } from '../../../../src/server/sql/postgres';
import { describeSyncStorageConformance } from '../../../../src/testing/conformance';
import { serverUrl, testDatabase } from './testDatabase';

describe.skipIf(!serverUrl)('on a real Postgres', () => {
  const database = testDatabase();
  describeSyncStorageConformance('Postgres', () => postgresStorage({ url: database.url() }));
});
