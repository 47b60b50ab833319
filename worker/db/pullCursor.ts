import { DEFAULT_SCOPE } from '../../src/core/syncProtocol';
import type { LogbookDatabase } from './database';

/** Where the one cursor was kept before each scope had its own. */
const CURSOR_OF_ONE_SCOPE = 'pullCursor';

const cursorKey = (scope: string) => `pullCursor:${scope}`;

/** Which scope a stream belongs to (`Domain.scopeOf`). */
type ScopeOf = ((stream: string) => string) | undefined;

/**
 * The server position this device has pulled (and settled) `scope` up to. Runs inside a
 * read-write transaction over `meta` and `events`: a device that synced before each scope had its
 * own cursor hands its one cursor to the first scope that asks for it, unless the domain says its
 * settled events belong to another (`scopeOf`), which then claims it. Taken by the wrong scope it
 * would skip that scope's events; left unclaimed, a scope pulls from 0, which skips only what
 * the log holds already.
 */
export async function readPullCursor(
  db: LogbookDatabase,
  scope = DEFAULT_SCOPE,
  scopeOf?: ScopeOf,
): Promise<number> {
  const [own, old] = await db.meta.bulkGet([cursorKey(scope), CURSOR_OF_ONE_SCOPE]);
  if (typeof own?.value === 'number') return own.value;
  if (typeof old?.value !== 'number' || !(await claims(db, scope, scopeOf))) return 0;
  await Promise.all([writePullCursor(db, old.value, scope), db.meta.delete(CURSOR_OF_ONE_SCOPE)]);
  return old.value;
}

/** Whether `scope` is the one scope the device synced before: the one its settled events are in. */
async function claims(db: LogbookDatabase, scope: string, scopeOf: ScopeOf): Promise<boolean> {
  if (!scopeOf) return true;
  const settled = await db.events.orderBy('settled').first();
  return settled !== undefined && scopeOf(settled.stream) === scope;
}

export async function writePullCursor(
  db: LogbookDatabase,
  cursor: number,
  scope = DEFAULT_SCOPE,
): Promise<void> {
  await db.meta.put({ key: cursorKey(scope), value: cursor });
}
