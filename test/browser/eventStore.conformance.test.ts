import { connectLogbook } from '../../src/client/connectLogbook';
import { openStore } from '../../worker/store/openStore';
import { eventStoreConformance, type TestStore, testDomain } from '../conformance';

eventStoreConformance('Dexie on real IndexedDB (Chromium)', {
  open: (name) => openStore({ name, domain: testDomain }),
});

eventStoreConformance('the worker through the Comlink client (Chromium)', {
  open: (name) =>
    connectLogbook<typeof testDomain>(
      new Worker(new URL('./testStore.worker.ts', import.meta.url), { type: 'module' }),
      { name },
    ) as Promise<TestStore>,
});
