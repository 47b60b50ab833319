import type { Domain } from '../../src/core/domain';
import { type Json, jsonEqual } from '../../src/core/json';
import { parseListQuery } from '../../src/core/options';
import type { ListQuery } from '../../src/core/store';
import type { LogbookDatabase, ViewRow } from '../db/database';
import { getView, listViewRows, projectionNamed } from '../projections/queryViews';
import { isPatchable, patchedList } from './listPatch';
import { READ_AGAIN, type ViewQuery } from './viewWatch';

/** `get(projection, key)`: a written row of its key is its new value, sent whole. */
export function getQuery(
  db: LogbookDatabase,
  domain: Domain,
  projection: string,
  key: string,
): ViewQuery<Json | undefined> {
  return {
    projection,
    read: () => getView(db, domain, projection, key),
    patched(held, rows) {
      if (!rows.has(key)) return { result: held, change: undefined };
      const value = rows.get(key)?.value;
      const same =
        value === undefined || held === undefined ? value === held : jsonEqual(value, held);
      return { result: value, change: same ? undefined : { value } };
    },
    valueOf: (held) => held,
  };
}

/**
 * `list(projection, query)`: patched in memory when `isPatchable`, the watcher sent the splice
 * alone; else read again.
 */
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
    patched(held, rows) {
      if (!query || !isPatchable(query)) return READ_AGAIN;
      const { rows: result, splice } = patchedList(held, query, rows);
      return { result, change: splice && { splice } };
    },
    valueOf: (held) => held.map((row) => row.value),
  };
}
