import type { Table } from 'dexie';
import { rowKeysWithin, spanToRead } from '../db/rangeReads';

/**
 * The rows of one projection at `keys`, from a table keyed `[projection, key]` (views, their
 * bases), in the order of `keys`, undefined where none is stored. IndexedDB answers a `bulkGet`
 * with a request per key, so many keys are first read as the keys of the one range spanning them
 * (`spanToRead`, `rowKeysWithin`): keys not stored yet, as a burst's new views, then cost no
 * request each, and only the stored ones are read with their rows. A range that holds too many
 * other keys falls back to one request per key.
 */
export async function readViewRows<Row>(
  table: Table<Row, [string, string]>,
  projection: string,
  keys: readonly string[],
): Promise<(Row | undefined)[]> {
  const stored = await storedAmong(table, projection, keys);
  const wanted = stored ?? keys;
  if (wanted.length === 0) return keys.map(() => undefined);
  const rows = await table.bulkGet(wanted.map((key) => [projection, key]));
  if (!stored) return rows;
  const found = new Map(wanted.map((key, i) => [key, rows[i]]));
  return keys.map((key) => found.get(key));
}

/** Which of `keys` are stored, from one read of their range's keys; undefined when that does not pay. */
async function storedAmong<Row>(
  table: Table<Row, [string, string]>,
  projection: string,
  keys: readonly string[],
): Promise<string[] | undefined> {
  const span = spanToRead(keys);
  if (!span) return undefined;
  const [least, greatest] = span;
  const range = table.where(':id').between([projection, least], [projection, greatest], true, true);
  const held = (await rowKeysWithin(range, keys.length)) as [string, string][] | undefined;
  if (!held) return undefined;
  const wanted = new Set(keys);
  return held.flatMap(([, key]) => (wanted.has(key) ? [key] : []));
}
