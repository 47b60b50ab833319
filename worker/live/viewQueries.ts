import type { Domain } from '../../src/core/domain';
import type { Json } from '../../src/core/json';
import { parseListQuery } from '../../src/core/options';
import type { ListQuery } from '../../src/core/store';
import type { LogbookDatabase, ViewRow } from '../db/database';
import { getView, listViewRows, projectionNamed } from '../projections/queryViews';
import { isPatchable, patchedRows } from './listPatch';
import { READ_AGAIN, type ViewQuery } from './viewWatch';

/** `get(projection, key)`: a written row of its key is its new value. */
export function getQuery(
  db: LogbookDatabase,
  domain: Domain,
  projection: string,
  key: string,
): ViewQuery<Json | undefined> {
  return {
    projection,
    read: () => getView(db, domain, projection, key),
    patched: (held, rows) => (rows.has(key) ? rows.get(key)?.value : held),
    valueOf: (held) => held,
  };
}

/** `list(projection, query)`: patched in memory when `isPatchable`, else read again. */
export function listQuery(
  db: LogbookDatabase,
  domain: Domain,
  projection: string,
  options: ListQuery | undefined,
): ViewQuery<ViewRow[]> {
  let query: ListQuery | undefined;
  return {
    projection,
    async read() {
      // Checked at each read, as `list` checks it: a bad query is the read's error.
      query = parseListQuery(projectionNamed(domain, projection), options);
      return listViewRows(db, projection, query);
    },
    patched: (held, rows) =>
      query && isPatchable(query) ? patchedRows(held, query, rows) : READ_AGAIN,
    valueOf: (held) => held.map((row) => row.value),
  };
}
