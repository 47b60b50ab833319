import { v4 as uuidv4 } from 'uuid';
import { openStore, type StoreOptions } from '../../worker/store/openStore';
import type { Domain } from '../core/domain';
import type { LocalStore } from '../core/store';

export type TestStoreOptions<D extends Domain> = Omit<StoreOptions<D>, 'name' | 'domain'>;

/**
 * A store on a fresh database of its own (a new name each call), with no worker: in Vitest on
 * Node, add `fake-indexeddb/auto` to the setup files; in a browser it uses the real IndexedDB.
 */
export function createTestStore<const D extends Domain>(
  domain: D,
  options: TestStoreOptions<D> = {},
): Promise<LocalStore<D>> {
  if (typeof globalThis.indexedDB === 'undefined') {
    throw new Error(
      "createTestStore needs IndexedDB: on Node, add 'fake-indexeddb/auto' to your test setup files",
    );
  }
  return openStore({ ...options, name: `logbook-test-${uuidv4()}`, domain });
}
