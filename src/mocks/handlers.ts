import type { delay, HttpResponse, http, RequestHandler } from 'msw';
import type { SyncApp } from '../server/app/createSyncApp';
import { type MockFaults, noFaults } from './faults';
import { loadMsw } from './workerGlobals';

/** The parts of MSW the handlers are made of. */
export interface MswHttp {
  http: typeof http;
  HttpResponse: typeof HttpResponse;
  delay: typeof delay;
}

/**
 * MSW handlers that hand every /api/sync request to the sync server's HTTP app (`createSyncApp`),
 * with simulated network faults. The paths match on any origin, so relative and absolute URLs
 * both reach them. Asynchronous because MSW loads only once its worker globals are there (see
 * `loadMsw`); in Node, `syncHandlersWith` builds them at once from an imported MSW.
 */
export async function createSyncHandlers(
  app: Pick<SyncApp, 'fetch'>,
  faults: MockFaults = noFaults(),
): Promise<RequestHandler[]> {
  return syncHandlersWith(await loadMsw(), app, faults);
}

/** `createSyncHandlers` from the given MSW. */
export function syncHandlersWith(
  { http, HttpResponse, delay }: MswHttp,
  app: Pick<SyncApp, 'fetch'>,
  faults: MockFaults = noFaults(),
): RequestHandler[] {
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
