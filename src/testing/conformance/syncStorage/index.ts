import { describe } from 'vitest';
import type { MakeSyncStorage } from './fixtures';
import { positionFeatures } from './positions';
import { pullFeatures } from './pulls';
import { transactionFeatures } from './transactions';
import { watchFeatures } from './watching';

export type { MakeSyncStorage } from './fixtures';

/**
 * The promises every sync server storage keeps (`SyncStorage`), as one suite run against each
 * implementation. `makeStorage` may hand out storages on one shared database: every test uses
 * scopes, streams and device ids of its own.
 */
export function describeSyncStorageConformance(name: string, makeStorage: MakeSyncStorage): void {
  describe(`sync storage conformance: ${name}`, () => {
    positionFeatures(makeStorage);
    transactionFeatures(makeStorage);
    watchFeatures(makeStorage);
    pullFeatures(makeStorage);
  });
}
