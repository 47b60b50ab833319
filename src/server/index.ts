export { type HttpRequest, type HttpResponse, handleSyncHttp } from './http';
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
