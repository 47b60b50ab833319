import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import type { testDomain } from '../../src/testing/conformance/testDomain';

let clients = 0;

/** A client on a worker running the conformance test domain, on a database of its own. */
export function connectTestClient(
  name = `browser-${Date.now()}-${++clients}`,
): Promise<LogbookClient<typeof testDomain>> {
  return connectLogbook<typeof testDomain>(
    new Worker(new URL('./testStore.worker.ts', import.meta.url), { type: 'module' }),
    { name },
  );
}
