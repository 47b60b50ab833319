import { delay, HttpResponse, http } from 'msw';
import type { SyncApp } from '../server/app/createSyncApp';
import { type MockFaults, noFaults } from './faults';

/**
 * MSW handlers that hand every /api/sync request to the sync server's HTTP app (`createSyncApp`),
 * with simulated network faults. The paths match on any origin, so relative and absolute URLs
 * both reach them.
 */
export function createSyncHandlers(app: Pick<SyncApp, 'fetch'>, faults: MockFaults = noFaults()) {
  const serve = async ({ request }: { request: Request }) => {
    if (faults.offline) return HttpResponse.error();
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.random() < faults.failureRate) {
      return HttpResponse.json(
        { error: 'ServerError', message: 'Simulated failure' },
        { status: 500 },
      );
    }
    const response = await app.fetch(request);
    if (faults.random() < faults.dropResponseRate) return HttpResponse.error();
    return response;
  };
  return [http.all('*/api/sync/*', serve)];
}

export type { MockFaults } from './faults';
export { noFaults } from './faults';
