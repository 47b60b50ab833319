import type { HistoryStore, LogbookStore } from '../../core/store';
import type { testDomain } from './testDomain';

export type TestStore = LogbookStore<typeof testDomain> & HistoryStore<typeof testDomain>;

/**
 * How the conformance suite gets stores: `open(name)` opens a store on the database `name`,
 * a second call with the same name opens a second instance on the same data.
 */
export interface StoreFactory {
  open(name: string): Promise<TestStore>;
}

let databases = 0;

/** A database name no other test uses. */
export function freshName(): string {
  databases += 1;
  return `conformance-${Date.now()}-${databases}-${Math.random().toString(36).slice(2)}`;
}

export const increment = (counter: string, by = 1) => ({
  type: 'Incremented' as const,
  data: { counter, by },
});
