// Type test of the worker's wire API, checked by `tsc --noEmit` (never run): the calls it serves
// from the store are the store's own, so a change to the store's types reaches the wire.
import { expectTypeOf } from 'vitest';
import type { LocalStore } from '../../src/core';
import type { WorkerApi } from '../../src/transport/workerApi';

/** Every store call the worker serves as it is (subscriptions cross by id, `close` does more). */
type Served = Exclude<keyof WorkerApi & keyof LocalStore, 'close' | 'subscribe'>;

expectTypeOf<Pick<WorkerApi, Served>>().toEqualTypeOf<Pick<LocalStore, Served>>();
