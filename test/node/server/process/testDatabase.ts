import postgres from 'postgres';
import { v4 as uuidv4 } from 'uuid';

/** The Postgres the server tests use (CI sets it; `.ci/postgres` shows how). */
export const TEST_DATABASE_URL = process.env.LOGBOOK_TEST_DATABASE_URL;

if (!TEST_DATABASE_URL) {
  console.log(
    'Skipping the real-Postgres server tests: set LOGBOOK_TEST_DATABASE_URL (.ci/run does).',
  );
}

/** A new, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('LOGBOOK_TEST_DATABASE_URL is not set');
  const name = `logbook_test_${uuidv4().replaceAll('-', '')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
