import type { Table } from 'dexie';

/** Keys a read looks up one by one before it tries one range read for them all. */
const READ_AS_RANGE_FROM = 8;
/** How many stored keys per wanted key the range may hold before the keys are looked up one by one. */
const KEYS_PER_WANTED = 4;

/**
 * The rows of one projection at `keys`, from a table keyed `[projection, key]` (views, their
 * bases), in the order of `keys`, undefined where none is stored. Many keys that lie side by side
 * (ids made in order, a burst's new views) are first read as the keys of the one range spanning
 * them, so keys not stored yet cost no request each; only the stored ones are then read with
 * their rows. A range that holds too many other keys falls back to one request per key.
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

/**
 * Which of `keys` are stored, from one read of the range's keys; undefined when the keys are few,
 * not all strings, or the range holds too many others for that read to pay.
 */
async function storedAmong<Row>(
  table: Table<Row, [string, string]>,
  projection: string,
  keys: readonly string[],
): Promise<string[] | undefined> {
  if (keys.length < READ_AS_RANGE_FROM || !keys.every((key) => typeof key === 'string')) {
    return undefined;
  }
  // Plain string order is IndexedDB's order of strings: by UTF-16 code unit.
  const sorted = [...keys].sort();
  const budget = KEYS_PER_WANTED * keys.length;
  const held = (await table
    .where(':id')
    .between([projection, sorted[0]], [projection, sorted.at(-1)], true, true)
    .limit(budget + 1)
    .primaryKeys()) as [string, string][];
  if (held.length > budget) return undefined;
  const wanted = new Set(keys);
  return held.flatMap(([, key]) => (wanted.has(key) ? [key] : []));
}
