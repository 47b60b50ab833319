export { type FaultSettings, type MockFaults, noFaults } from './faults';
export { shareFaultsAcrossTabs } from './faultsAcrossTabs';
export { createSyncHandlers } from './handlers';
export { indexedDbStorage } from './indexedDbStorage';
export { createMockFetch } from './mockFetch';
export { loadMsw } from './workerGlobals';
