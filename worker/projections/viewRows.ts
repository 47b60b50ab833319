import { Dexie } from 'dexie';
import type { AnyProjection } from '../../src/core/domain';
import type { Json } from '../../src/core/json';
import { indexTerms } from '../../src/core/projection';
import type { LogbookDatabase, ViewRow } from '../db/database';

/**
 * A view as stored, with its index terms: `terms` as `indexTermsAfter` gave them for the event that
 * made the view, or worked out here for a value indexed before.
 */
export function toViewRow(
  projection: AnyProjection,
  key: string,
  value: Json,
  baseAbsent = false,
  terms = indexTerms(projection, value),
): ViewRow {
  const row: ViewRow = {
    projection: projection.name,
    key,
    value,
    terms: terms.map(([index, term]) => [projection.name, index, term]),
  };
  if (baseAbsent) row.baseAbsent = true;
  return row;
}

/** Every view row of one projection, by its primary key range. */
export function viewsOf(db: LogbookDatabase, projection: string) {
  return db.views
    .where('[projection+key]')
    .between([projection, Dexie.minKey], [projection, Dexie.maxKey], true, true);
}

/** Every kept base of one projection's views. */
export function basesOf(db: LogbookDatabase, projection: string) {
  return db.viewBases
    .where('[projection+key]')
    .between([projection, Dexie.minKey], [projection, Dexie.maxKey], true, true);
}
