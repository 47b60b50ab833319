import { delay, HttpResponse, http, type JsonBodyType } from 'msw';
import { SYNC_PATHS } from '../core/syncProtocol';
import { handleSyncHttp } from '../server/http';
import type { SyncServer } from '../server/syncServer';
import { type MockFaults, noFaults } from './faults';

/**
 * MSW handlers that serve the sync server's logic, with simulated network faults. The paths match
 * on any origin, so relative and absolute URLs both reach them.
 */
export function createSyncHandlers(server: SyncServer, faults: MockFaults = noFaults()) {
  const serve = async ({ request }: { request: Request }) => {
    if (faults.offline) return HttpResponse.error();
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.random() < faults.failureRate) {
      return HttpResponse.json(
        { error: 'ServerError', message: 'Simulated failure' },
        { status: 500 },
      );
    }
    const { status, body } = await handleSyncHttp(server, {
      method: request.method,
      url: request.url,
      bodyText: request.method === 'GET' ? '' : await request.text(),
    });
    if (faults.random() < faults.dropResponseRate) return HttpResponse.error();
    return HttpResponse.json(body as JsonBodyType, { status });
  };
  return [http.all(`*${SYNC_PATHS.push}`, serve), http.all(`*${SYNC_PATHS.pull}`, serve)];
}

export type { MockFaults } from './faults';
export { noFaults } from './faults';
