export { openStore, type StoreOptions } from './store/openStore';
export type { SyncTransport } from './sync/syncHttp';
export { type ExposeOptions, exposeStore } from './transport/exposeStore';
