import type { Domain } from '../../src/core/domain';
import type { LogbookDatabase } from '../db/database';
import { toViewRow } from './viewRows';

/**
 * Puts every view touched by unsettled events back to its value before them (its base), so
 * settled events can be applied underneath and the unsettled ones re-applied on top.
 */
export async function rewindViews(db: LogbookDatabase, domain: Domain): Promise<void> {
  const bases = await db.viewBases.toArray();
  const byName = new Map(domain.projections.map((projection) => [projection.name, projection]));
  const restores = bases.filter((base) => base.value !== null && byName.has(base.projection));
  await db.views.bulkPut(
    restores.map((base) =>
      toViewRow(byName.get(base.projection) as never, base.key, base.value as never),
    ),
  );
  await db.views.bulkDelete(
    bases.filter((base) => base.value === null).map((base) => [base.projection, base.key]),
  );
  await db.viewBases.clear();
}
