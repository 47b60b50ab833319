export { type MockSyncServer, setupMockSyncServer } from './node';
