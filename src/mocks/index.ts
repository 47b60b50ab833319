// MSW needs these globals before it loads, in a worker; this import must stay first.
import './workerGlobals';

export { type FaultSettings, type MockFaults, noFaults } from './faults';
export { shareFaultsAcrossTabs } from './faultsAcrossTabs';
export { createSyncHandlers } from './handlers';
export { indexedDbStorage } from './indexedDbStorage';
export { createMockFetch } from './mockFetch';
