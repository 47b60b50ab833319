import { exposeStore } from '../../worker/transport/exposeStore';
import { testDomain } from '../conformance/testDomain';

/** The test domain's store, syncing with a server that refuses every request with a 400. */
exposeStore(testDomain, {
  sync: {
    fetch: async () =>
      Response.json(
        { error: 'ValidationError', message: 'Invalid after: must be a number', field: 'after' },
        { status: 400 },
      ),
    baseUrl: self.location.origin,
    intervalMs: 0,
  },
});
