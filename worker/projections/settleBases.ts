import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { LogbookDatabase } from '../db/database';
import { foldInto, touchedKeys } from './applyProjections';
import { readViewRows } from './readViewRows';

/**
 * Moves one projection's kept bases forward over events that have just settled, when its views
 * already show those events (applied tentatively, before every event still unsettled): a base
 * is a view's settled value, so the settled events now belong in it. A view with no base holds no
 * unsettled event, so it has nothing to move.
 */
export async function settleBases(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
): Promise<void> {
  const { relevant, keyOf, keys } = touchedKeys(projection, events);
  if (relevant.length === 0) return;
  const bases = await readViewRows(db.viewBases, projection.name, keys);
  const kept = new Map<string, Json | undefined>(
    keys.flatMap((key, i) => {
      const base = bases[i];
      return base ? [[key, base.value ?? undefined] as const] : [];
    }),
  );
  const moved = relevant.filter((event) => kept.has(keyOf.get(event) as string));
  foldInto(projection, kept, moved, keyOf);
  await db.viewBases.bulkPut(
    [...kept].map(([key, value]) => ({ projection: projection.name, key, value: value ?? null })),
  );
}
