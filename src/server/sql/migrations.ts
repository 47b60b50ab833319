import type { SqlClient } from './sqlClient';

/**
 * The schema, one migration per version, applied in order and never edited once released (a
 * change is a new migration). One schema for Postgres and PGlite. Event data and metadata are
 * `json`, which keeps the text as sent (`jsonb` reorders keys and drops duplicates).
 */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `create table scopes (
      scope text primary key,
      head bigint not null default 0
    )`,
    `create table events (
      scope text not null references scopes (scope),
      position bigint not null,
      id text not null unique,
      stream text not null,
      version integer not null,
      type text not null,
      data json not null,
      metadata json not null,
      recorded_at timestamptz not null default now(),
      primary key (scope, position),
      unique (stream, version)
    )`,
    `create table streams (
      stream text primary key,
      scope text not null references scopes (scope),
      version integer not null
    )`,
    `create table devices (
      client_id text primary key,
      sub text not null
    )`,
  ],
];

/** Any constant, the same in every instance: the key of the lock migrating instances take turns on. */
const MIGRATION_LOCK = 7_014_001;

/**
 * Brings the schema up to date: the missing migrations, in order, in one transaction. Instances
 * starting at once take turns on an advisory lock, so each migration runs once.
 */
export async function migrate(client: SqlClient): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`create table if not exists logbook_migrations (
      version integer primary key,
      applied_at timestamptz not null default now()
    )`);
    const [row] = await tx.query<{ version: number | null }>(
      'select max(version) as version from logbook_migrations',
    );
    for (let version = (row?.version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      for (const step of MIGRATIONS[version - 1] ?? []) await tx.query(step);
      await tx.query('insert into logbook_migrations (version) values ($1)', [version]);
    }
  });
}
