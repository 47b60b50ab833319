import type { AnyProjection, Domain } from '../../src/core/domain';
import { ValidationError } from '../../src/core/errors';
import type { Json } from '../../src/core/json';
import { parseListQuery } from '../../src/core/options';
import type { IndexValue } from '../../src/core/projection';
import type { ListQuery } from '../../src/core/store';
import type { LogbookDatabase, ViewRow } from '../db/database';
import { assertProjectionReady } from './projectionStatus';
import { viewsOf } from './viewRows';

export function projectionNamed(domain: Domain, name: unknown): AnyProjection {
  const projection = domain.projections.find((candidate) => candidate.name === name);
  if (!projection) {
    throw new ValidationError({
      field: 'projection',
      reason: `unknown projection "${String(name)}"`,
    });
  }
  return projection;
}

export async function getView(
  db: LogbookDatabase,
  domain: Domain,
  projection: string,
  key: string,
): Promise<Json | undefined> {
  projectionNamed(domain, projection);
  if (typeof key !== 'string')
    throw new ValidationError({ field: 'key', reason: 'must be a string' });
  return inReadTransaction(db, async () => {
    await assertProjectionReady(db, projection);
    return (await db.views.get([projection, key]))?.value;
  });
}

/**
 * One read transaction: the readiness check and the views agree, and a live query's read is not
 * split by a rebuild's batches committing in between (which would make it start over each time).
 */
function inReadTransaction<T>(db: LogbookDatabase, read: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.projections, db.views, db.events, read);
}

export async function listViews(
  db: LogbookDatabase,
  domain: Domain,
  projection: string,
  options?: ListQuery | null,
): Promise<Json[]> {
  const query = parseListQuery(projectionNamed(domain, projection), options);
  return (await listViewRows(db, projection, query)).map((row) => row.value);
}

/** The rows `listViews` gives the values of, for a query already checked against the domain. */
export function listViewRows(
  db: LogbookDatabase,
  projection: string,
  query: ListQuery,
): Promise<ViewRow[]> {
  return inReadTransaction(db, async () => {
    await assertProjectionReady(db, projection);
    let collection = viewsOf(db, projection);
    if (query.index !== undefined) {
      const terms = db.views.where('terms');
      const term = (value: IndexValue | never[]) => [projection, query.index as string, value];
      collection =
        query.equals !== undefined
          ? terms.equals(term(query.equals))
          : terms.between(term(query.from ?? -Infinity), term(query.to ?? []), true, true);
    }
    if (query.reverse) collection = collection.reverse();
    if (query.offset) collection = collection.offset(query.offset);
    if (query.limit !== undefined) collection = collection.limit(query.limit);
    return collection.toArray();
  });
}
