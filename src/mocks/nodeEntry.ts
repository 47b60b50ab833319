export { type MockSyncServer, setupMockSyncServer } from './nodeServer';
