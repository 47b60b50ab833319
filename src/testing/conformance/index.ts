import { describe } from 'vitest';
import { appendingFeatures } from './appending';
import { commandFeatures } from './commands';
import type { StoreFactory } from './factory';
import { historyFeatures } from './history';
import { projectionFeatures } from './projections';
import { readingFeatures } from './reading';
import { subscriptionFeatures } from './subscriptions';
import { validationFeatures } from './validation';

export type { StoreFactory, TestStore } from './factory';
export { describeSyncStorageConformance, type MakeSyncStorage } from './syncStorage';
export { testDomain } from './testDomain';

/** The promises every Logbook store keeps, as one suite run against each implementation. */
export function eventStoreConformance(implementation: string, factory: StoreFactory): void {
  describe(`event store conformance: ${implementation}`, () => {
    appendingFeatures(factory);
    readingFeatures(factory);
    commandFeatures(factory);
    projectionFeatures(factory);
    subscriptionFeatures(factory);
    validationFeatures(factory);
    historyFeatures(factory);
  });
}
