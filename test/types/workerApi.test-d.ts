// Type test of the worker's wire API, checked by `tsc --noEmit` (never run): the calls it serves
// from the store are the store's own, so a change to the store's types reaches the wire; what an
// app adds beside them (the demo's simulated network) is the app's, not the library's.
import type { LogbookClient } from 'logbook/client';
import { expectTypeOf } from 'vitest';
import type { LocalStore } from '../../src/core';
import type { WorkerApi } from '../../src/transport/workerApi';

/** Every store call the worker serves as it is (subscriptions cross by id, `close` does more). */
type Served = Exclude<keyof WorkerApi & keyof LocalStore, 'close' | 'subscribe'>;

expectTypeOf<Pick<WorkerApi, Served>>().toEqualTypeOf<Pick<LocalStore, Served>>();

expectTypeOf<WorkerApi>().not.toHaveProperty('simulateNetwork');
expectTypeOf<LogbookClient>().not.toHaveProperty('simulateNetwork');
expectTypeOf<keyof LogbookClient['extension']>().toEqualTypeOf<never>();
