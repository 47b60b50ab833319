export type { ClientSyncOptions, TokenFunction } from '../transport/syncOptions';
export type { LiveRead } from '../transport/workerApi';
export type { NoExtension, RemoteExtension, WorkerExtension } from '../transport/workerExtension';
export {
  type ConnectOptions,
  connectLogbook,
  type LiveListener,
  type LogbookClient,
} from './connectLogbook';
