import { cmp } from 'dexie';
import { type Json, jsonEqual } from '../../src/core/json';
import type { IndexValue } from '../../src/core/projection';
import type { ListQuery } from '../../src/core/store';
import type { ListSplice } from '../../src/transport/listSplice';
import type { ViewRow } from '../db/database';
import type { WrittenRows } from './viewChanges';

/**
 * Whether a list's result can be brought up to date from written rows alone: with no offset and
 * no limit it is every row the query matches, so a written row is in it exactly when it matches.
 * A window (offset, limit) also depends on rows no write touched, so it is read again instead.
 */
export const isPatchable = (query: ListQuery): boolean =>
  !query.offset && query.limit === undefined;

/** A patchable list after a write: its rows, and the change from the rows before. */
export interface PatchedList {
  rows: ViewRow[];
  /** Undefined when the list shows what it showed before. */
  splice: ListSplice | undefined;
}

/**
 * The rows of a patchable `query` (as `listViewRows` gives them) after `written` was committed:
 * written keys leave, and come back where the query orders them when their new row matches.
 * Matching and order are IndexedDB's (`cmp`), as the query's own read has them. `rows` is in the
 * query's order already, so each returning row is put in its place by a binary search: a write
 * of a few rows to a long list costs a few comparisons each, not a sort of the whole list.
 */
export function patchedList(
  rows: readonly ViewRow[],
  query: ListQuery,
  written: WrittenRows,
): PatchedList {
  const order = orderOf(query);
  const removed: number[] = [];
  const patched: ViewRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (written.has(row.key)) removed.push(i);
    else patched.push(row);
  }
  const returning = new Set<ViewRow>();
  for (const row of written.values()) {
    if (!row || !matches(row, query)) continue;
    patched.splice(placeOf(patched, row, order), 0, row);
    returning.add(row);
  }
  const inserted: ListSplice['inserted'] = [];
  if (returning.size > 0) {
    for (const [i, row] of patched.entries()) if (returning.has(row)) inserted.push([i, row.value]);
  }
  const splice = { removed, inserted };
  return { rows: patched, splice: showsTheSame(rows, splice) ? undefined : splice };
}

/** Whether `splice` puts back, at the places it took them from, items equal to the ones it took. */
function showsTheSame(before: readonly ViewRow[], { removed, inserted }: ListSplice): boolean {
  return (
    removed.length === inserted.length &&
    inserted.every(
      ([index, item], i) =>
        removed[i] === index && jsonEqual(before[index]?.value as Json, item as Json),
    )
  );
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
