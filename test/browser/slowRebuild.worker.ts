import { testDomain } from '../../src/testing/conformance/testDomain';
import { exposeStore } from '../../worker/transport/exposeStore';

// Rebuilds one event per transaction: slow enough to watch its progress.
exposeStore(testDomain, { store: { rebuildBatchSize: 1 } });
