import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { postgresStorage } from '../../../../src/server/sql/postgres';
import { syncServerConformance } from '../serverConformance';
import { EMPTY_SERVER_TABLES } from './serverTables';
import { serverUrl, testDatabase } from './testDatabase';

describe.skipIf(!serverUrl)('on a real Postgres', () => {
  const database = testDatabase();
  const open = () => postgresStorage({ url: database.url() });
  let sql: postgres.Sql | undefined;
  beforeAll(async () => {
    await (await open()).close();
    sql = postgres(database.url(), { max: 1, onnotice: () => undefined });
  });
  beforeEach(() => sql?.unsafe(EMPTY_SERVER_TABLES));
  afterAll(() => sql?.end());

  syncServerConformance('Postgres', open);
});
