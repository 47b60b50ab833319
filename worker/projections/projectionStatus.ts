import type { Domain } from '../../src/core/domain';
import { ProjectionRebuildingError } from '../../src/core/errors';
import type { ProjectionStatus } from '../../src/core/store';
import type { LogbookDatabase, ProjectionStateRow } from '../db/database';
import { failedError } from './projectionFailure';

export async function projectionStatus(
  db: LogbookDatabase,
  domain: Domain,
): Promise<ProjectionStatus[]> {
  return db.transaction('r', db.projections, db.events, async () => {
    const total = await db.events.count();
    const states = await db.projections.bulkGet(
      domain.projections.map((projection) => projection.name),
    );
    return domain.projections.map((projection, i) => statusOf(projection, states[i], total));
  });
}

function statusOf(
  projection: { name: string; version: number },
  state: ProjectionStateRow | undefined,
  total: number,
): ProjectionStatus {
  const { name, version } = projection;
  if (state?.status === 'failed' && state.failure) {
    return { name, version, status: 'failed', ...state.failure, processed: 0, total };
  }
  const status = state?.status === 'ready' ? 'ready' : 'rebuilding';
  return {
    name,
    version,
    status,
    processed: status === 'ready' ? total : (state?.processed ?? 0),
    total,
  };
}

/**
 * Queries of a projection still being rebuilt say so, rather than serve half-built views; those
 * of a failed one throw what it failed on.
 */
export async function assertProjectionReady(
  db: LogbookDatabase,
  projection: string,
): Promise<void> {
  const state = await db.projections.get(projection);
  if (state?.status === 'ready') return;
  if (state?.status === 'failed' && state.failure) throw failedError(projection, state.failure);
  throw new ProjectionRebuildingError({
    projection,
    processed: state?.processed ?? 0,
    total: await db.events.count(),
  });
}
