import { exposeStore } from '../worker/transport/exposeStore';
import { benchDomain } from './benchDomain';

// The store in its worker, as an app runs it (without sync): for the round-trip, startup and cross-tab workloads.
exposeStore(benchDomain);
