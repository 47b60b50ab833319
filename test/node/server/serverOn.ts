import type { PullRequest } from '../../../src/core/syncProtocol';
import type { PushAsSent } from '../../../src/server/pushAsSent';
import {
  type Caller,
  createSyncServer,
  type SyncServerOptions,
} from '../../../src/server/syncServer';
import type { SyncStorage } from '../../../src/server/syncStorage';
import { SCOPE } from './wire';

export const alice: Caller = { sub: 'alice' };

/** The server, called by alice unless told another, pulling the tests' scope unless told another. */
export function serverOn(storage: SyncStorage, options?: SyncServerOptions) {
  const server = createSyncServer(storage, options);
  return {
    push: (request: PushAsSent, caller = alice) => server.push(request, caller),
    pull: (request: Omit<PullRequest, 'scope'> & { scope?: string }) =>
      server.pull({ scope: SCOPE, ...request }),
  };
}
