import type { RequestHandler } from 'msw';
import { loadMsw } from './workerGlobals';

/**
 * A `fetch` answered by MSW handlers, without a service worker: the app's worker uses it to reach
 * the mock server (the app's own service worker already controls the page, and only one can).
 * Takes the handlers or their promise, as `createSyncHandlers` gives them; MSW loads on the first
 * request. Like real fetch, a network error rejects with a TypeError.
 */
export function createMockFetch(
  handlers: RequestHandler[] | Promise<RequestHandler[]>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const [{ getResponse }, ready] = await Promise.all([loadMsw(), handlers]);
    const response = await getResponse(ready, request);
    if (!response) return new Response(null, { status: 404, statusText: 'No mock handler' });
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
}
