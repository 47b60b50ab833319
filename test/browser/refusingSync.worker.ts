import { testDomain } from '../../src/testing/conformance/testDomain';
import { exposeStore } from '../../worker/transport/exposeStore';

/** The test domain's store, syncing with a server that refuses every request with a 400. */
exposeStore(testDomain, {
  sync: {
    fetch: async () =>
      Response.json(
        { error: 'ValidationError', message: 'Invalid after: must be a number', field: 'after' },
        { status: 400 },
      ),
    url: self.location.origin,
    intervalMs: 0,
  },
});
