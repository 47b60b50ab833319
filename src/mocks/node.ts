import { shopDomain } from '../domain/shop';
import { type SyncServerOptions, syncServerOptionsOf } from '../server/syncServer';
import { setupMockSyncServer as setupWith } from './nodeServer';

/** The Node tests' mock sync server: like the library's, holding pushes to the shop's rules unless given others. */
export const setupMockSyncServer = (options: SyncServerOptions = syncServerOptionsOf(shopDomain)) =>
  setupWith(options);
