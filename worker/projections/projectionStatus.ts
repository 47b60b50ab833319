import type { Domain } from '../../src/core/domain';
import { ProjectionRebuildingError } from '../../src/core/errors';
import type { ProjectionStatus } from '../../src/core/store';
import type { LogbookDatabase } from '../store/database';

export async function projectionStatus(
  db: LogbookDatabase,
  domain: Domain,
): Promise<ProjectionStatus[]> {
  return db.transaction('r', db.projections, db.events, async () => {
    const total = await db.events.count();
    const states = await db.projections.bulkGet(
      domain.projections.map((projection) => projection.name),
    );
    return domain.projections.map((projection, i) => ({
      name: projection.name,
      version: projection.version,
      status: states[i]?.status ?? 'rebuilding',
      processed: states[i]?.status === 'ready' ? total : (states[i]?.processed ?? 0),
      total,
    }));
  });
}

/** Queries of a projection still being rebuilt say so, rather than serve half-built views. */
export async function assertProjectionReady(
  db: LogbookDatabase,
  projection: string,
): Promise<void> {
  const state = await db.projections.get(projection);
  if (state?.status === 'ready') return;
  throw new ProjectionRebuildingError({
    projection,
    processed: state?.processed ?? 0,
    total: await db.events.count(),
  });
}
