import { Dexie } from 'dexie';

/**
 * The rows of one table of a store's database, read past the store: for invariants its API
 * cannot show (what it keeps while events are unsettled).
 */
export async function storedRows(database: string, table: 'views' | 'viewBases') {
  const raw = await new Dexie(database).open();
  try {
    return await raw.table(table).toArray();
  } finally {
    raw.close();
  }
}
