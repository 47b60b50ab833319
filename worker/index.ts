export type {
  ClientSyncOptions,
  SyncOptions,
  TokenFunction,
} from '../src/transport/syncOptions';
export type { WorkerExtension } from '../src/transport/workerExtension';
export { openStore, type StoreOptions } from './store/openStore';
export { type ExposeOptions, type ExtensionContext, exposeStore } from './transport/exposeStore';
