import type { AnyProjection, Domain } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import { handlerFor, projectionKey } from '../../src/core/projection';
import type { LogbookDatabase } from '../db/database';
import { readViewRows } from './readViewRows';
import { toViewRow } from './viewRows';

/**
 * Puts every view touched by the `unsettled` events back to its value before them (its base), so
 * settled events can be applied underneath and the unsettled ones re-applied on top: from its
 * base row, or, for a view those events created (`ViewRow.baseAbsent`), by deleting it.
 */
export async function rewindViews(
  db: LogbookDatabase,
  domain: Domain,
  unsettled: readonly RecordedEvent[],
): Promise<void> {
  const touched = domain.projections.map((projection) => ({
    projection,
    keys: appliedKeys(projection, unsettled),
  }));
  const [bases, ...rowsOfEach] = await Promise.all([
    db.viewBases.toArray(),
    ...touched.map(({ projection, keys }) => readViewRows(db.views, projection.name, keys)),
  ]);
  const byName = new Map(domain.projections.map((projection) => [projection.name, projection]));
  const restores = bases.filter((base) => base.value !== null && byName.has(base.projection));
  const withBase = new Set(bases.map((base) => `${base.projection}\u0000${base.key}`));
  const created = rowsOfEach.flatMap((rows) =>
    rows.flatMap((row) =>
      row?.baseAbsent && !withBase.has(`${row.projection}\u0000${row.key}`)
        ? [[row.projection, row.key] as [string, string]]
        : [],
    ),
  );
  await db.views.bulkPut(
    restores.map((base) =>
      toViewRow(byName.get(base.projection) as never, base.key, base.value as never),
    ),
  );
  await db.views.bulkDelete([
    ...bases.flatMap((base) =>
      base.value === null ? [[base.projection, base.key] as [string, string]] : [],
    ),
    ...created,
  ]);
  await db.viewBases.clear();
}

/**
 * The keys of a projection's views `events` were applied to. An event whose key cannot be worked
 * out was never applied (its fold threw), so it touched none.
 */
function appliedKeys(projection: AnyProjection, events: readonly RecordedEvent[]): string[] {
  const keys = new Set<string>();
  for (const event of events) {
    if (!handlerFor(projection, event)) continue;
    try {
      keys.add(projectionKey(projection, event));
    } catch {}
  }
  return [...keys];
}
