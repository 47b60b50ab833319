import type { Collection, Table } from 'dexie';

/**
 * Fast path for many keys read at once (a group's streams, a write's views): from this many, they
 * are first read as the one key range that spans them, keys only, in one request, rather than one
 * request per key. New keys are not stored, and time-ordered ids (uuid v7) put a burst's new keys
 * side by side, so that range is mostly empty. It may hold this many stored rows per key wanted
 * before the keys are read one by one after all.
 */
const RANGE_READ = { fromKeys: 8, rowsPerKey: 4 };

/**
 * The least and greatest of `keys` when they are many enough to read as one range, else undefined.
 * Plain string order is IndexedDB's order of strings: by UTF-16 code unit.
 */
export function spanToRead(keys: readonly string[]): [least: string, greatest: string] | undefined {
  if (keys.length < RANGE_READ.fromKeys) return undefined;
  const sorted = [...keys].sort();
  return [sorted[0] as string, sorted.at(-1) as string];
}

/**
 * The primary keys of the rows in `range` (the span of `wanted` keys), in one request; undefined
 * when it holds more than `RANGE_READ.rowsPerKey` for each key wanted, for the caller to read
 * key by key.
 */
export async function rowKeysWithin<Key>(
  range: Collection<unknown, Key>,
  wanted: number,
): Promise<Key[] | undefined> {
  const budget = RANGE_READ.rowsPerKey * wanted;
  const held = await range.limit(budget + 1).primaryKeys();
  return held.length > budget ? undefined : held;
}

/**
 * The rows stored at `keys` (primary keys, `keyOf` a row's), by key: many are read as the one
 * range spanning them, its keys first and then its rows, in two requests, when it holds few
 * others (`spanToRead`, `rowKeysWithin`); else one request per key.
 */
export async function rowsAtKeys<Row, Insert>(
  table: Table<Row, string, Insert>,
  keys: readonly string[],
  keyOf: (row: Row) => string,
): Promise<Map<string, Row>> {
  const span = spanToRead(keys);
  const range = span && table.where(':id').between(span[0], span[1], true, true);
  const rows =
    range && (await rowKeysWithin(range, keys.length))
      ? await range.toArray()
      : await table.bulkGet([...keys]);
  const wanted = new Set(keys);
  return new Map(
    rows.flatMap((row) => (row && wanted.has(keyOf(row)) ? [[keyOf(row), row] as const] : [])),
  );
}
