import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { LogbookDatabase, ViewBaseRow, ViewRow } from '../db/database';
import { touchedKeys } from './applyProjections';
import { readViewRows } from './readViewRows';

/** A view and its kept base, as read. */
export interface TouchedView {
  row: ViewRow | undefined;
  base: ViewBaseRow | undefined;
}

/** Views read ahead of a write, by projection name and then key. */
export type ViewsReadAhead = Map<string, Promise<Map<string, TouchedView>>>;

/**
 * Reads the views new events will touch, and their bases, before the events are written: issued
 * with the write, the read costs no round trip of its own. Keys are worked out from drafts of the
 * events (no id, version or position yet); `applyProjection` reads again any key they missed.
 */
export function readViewsAhead(
  db: LogbookDatabase,
  projections: readonly AnyProjection[],
  drafts: readonly RecordedEvent[],
): ViewsReadAhead {
  const ahead: ViewsReadAhead = new Map();
  for (const projection of projections) {
    const keys = draftKeys(projection, drafts);
    if (keys.length === 0) continue;
    ahead.set(
      projection.name,
      Promise.all([
        readViewRows(db.views, projection.name, keys),
        readViewRows(db.viewBases, projection.name, keys),
      ]).then(
        ([rows, bases]) => new Map(keys.map((key, i) => [key, { row: rows[i], base: bases[i] }])),
      ),
    );
  }
  return ahead;
}

/** The keys drafts of new events would touch; none when a key needs what only the write gives. */
function draftKeys(projection: AnyProjection, drafts: readonly RecordedEvent[]): string[] {
  try {
    return touchedKeys(projection, drafts).keys;
  } catch {
    return [];
  }
}
