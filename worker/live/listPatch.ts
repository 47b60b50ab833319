import { cmp } from 'dexie';
import type { IndexValue } from '../../src/core/projection';
import type { ListQuery } from '../../src/core/store';
import type { ViewRow } from '../db/database';
import type { WrittenRows } from './viewChanges';

/**
 * Whether a list's result can be brought up to date from written rows alone: with no offset and
 * no limit it is every row the query matches, so a written row is in it exactly when it matches.
 * A window (offset, limit) also depends on rows no write touched, so it is read again instead.
 */
export const isPatchable = (query: ListQuery): boolean =>
  !query.offset && query.limit === undefined;

/**
 * The rows of a patchable `query` (as `listViewRows` gives them) after `written` was committed:
 * written keys leave, and come back where the query orders them when their new row matches.
 * Matching and order are IndexedDB's (`cmp`), as the query's own read has them. `rows` is in the
 * query's order already, so each returning row is put in its place by a binary search: a write
 * of a few rows to a long list costs a few comparisons each, not a sort of the whole list.
 */
export function patchedRows(
  rows: readonly ViewRow[],
  query: ListQuery,
  written: WrittenRows,
): ViewRow[] {
  const order = orderOf(query);
  const patched = rows.filter((row) => !written.has(row.key));
  for (const row of written.values()) {
    if (row && matches(row, query)) patched.splice(placeOf(patched, row, order), 0, row);
  }
  return patched;
}

/** Where `row` goes in `sorted` (in `order`): after every row that sorts before it. */
function placeOf(
  sorted: readonly ViewRow[],
  row: ViewRow,
  order: (a: ViewRow, b: ViewRow) => number,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(sorted[middle] as ViewRow, row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The row's value of the query's index; undefined when the row has none. */
function termOf(row: ViewRow, index: string): IndexValue | undefined {
  return row.terms.find(([, name]) => name === index)?.[2];
}

function matches(row: ViewRow, query: ListQuery): boolean {
  if (query.index === undefined) return true;
  const term = termOf(row, query.index);
  if (term === undefined) return false;
  if (query.equals !== undefined) return cmp(term, query.equals) === 0;
  // The read's bounds: from -Infinity (below every key) to [] (above every string and number).
  return cmp(term, query.from ?? -Infinity) >= 0 && cmp(term, query.to ?? []) <= 0;
}

/** The query's order: by key, or by the index's value and then key; backwards if `reverse`. */
function orderOf(query: ListQuery): (a: ViewRow, b: ViewRow) => number {
  const { index } = query;
  const forwards =
    index === undefined
      ? (a: ViewRow, b: ViewRow) => cmp(a.key, b.key)
      : (a: ViewRow, b: ViewRow) => cmp(termOf(a, index), termOf(b, index)) || cmp(a.key, b.key);
  return query.reverse ? (a, b) => forwards(b, a) : forwards;
}
