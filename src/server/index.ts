export { type Authenticator, type Grant, jwtAuth, openAccess } from './app/auth';
export { createSyncApp, type SyncApp, type SyncAppOptions } from './app/createSyncApp';
export type { Logger } from './app/logger';
export type { RateLimit } from './app/rateLimit';
export { memoryStorage } from './memoryStorage';
export type { PushAsSent } from './pushAsSent';
export {
  type Caller,
  createSyncServer,
  type SyncServer,
  type SyncServerOptions,
  syncServerOptionsOf,
} from './syncServer';
export type { StoredEvent, SyncStorage, SyncStorageTransaction } from './syncStorage';
