export { type HttpRequest, type HttpResponse, handleSyncHttp } from './http';
export { memoryStorage } from './memoryStorage';
export type { PushAsSent } from './pushAsSent';
export {
  createSyncServer,
  type SyncServer,
  type SyncServerOptions,
  syncServerOptionsOf,
} from './syncServer';
export type { SyncStorage, SyncStorageTransaction } from './syncStorage';
