export type { WorkerExtension } from '../src/transport/workerExtension';
export { openStore, type StoreOptions } from './store/openStore';
export type { SyncTransport } from './sync/syncHttp';
export { type ExposeOptions, type ExtensionContext, exposeStore } from './transport/exposeStore';
