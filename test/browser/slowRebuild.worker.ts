import { exposeStore } from '../../worker/transport/exposeStore';
import { testDomain } from '../conformance/testDomain';

// Rebuilds one event per transaction: slow enough to watch its progress.
exposeStore(testDomain, { store: { rebuildBatchSize: 1 } });
