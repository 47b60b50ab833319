import { Dexie } from 'dexie';
import type { AnyProjection } from '../../src/core/domain';
import type { Json } from '../../src/core/json';
import type { LogbookDatabase, ViewRow } from '../db/database';

/**
 * A view as stored, with its index terms. A view an event makes is checked as it is made
 * (`projectEvent`); one stored before is put back as it was, whatever its indexes now say, so
 * that restoring it never stops a pull.
 */
export function toViewRow(
  projection: AnyProjection,
  key: string,
  value: Json,
  baseAbsent = false,
): ViewRow {
  const terms: ViewRow['terms'] = [];
  for (const [index, indexValueOf] of Object.entries(projection.indexes ?? {})) {
    const term = indexValueOf(value);
    if (term !== undefined) terms.push([projection.name, index, term]);
  }
  const row: ViewRow = { projection: projection.name, key, value, terms };
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
