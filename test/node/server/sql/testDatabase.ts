import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';

/** The Postgres server the tests may use (CI sets it); without it their suites are skipped. */
export const serverUrl = process.env.LOGBOOK_TEST_DATABASE_URL;

if (!serverUrl) {
  console.log('LOGBOOK_TEST_DATABASE_URL is not set: the tests on a real Postgres are skipped');
}

/**
 * A database of its own for the calling test file, created before its tests and dropped after:
 * `url()` is its address once created.
 */
export function testDatabase(): { url: () => string } {
  const name = `logbook_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: postgres.Sql | undefined;
  beforeAll(async () => {
    admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
  });
  afterAll(async () => {
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });
  return {
    url: () => {
      const url = new URL(serverUrl ?? '');
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}
