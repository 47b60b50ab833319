import { eventStoreConformance, type TestStore, testDomain } from '../../src/testing/conformance';
import { openStore } from '../../worker/store/openStore';
import { connectTestClient } from './testClient';

eventStoreConformance('Dexie on real IndexedDB (Chromium)', {
  open: (name) => openStore({ name, domain: testDomain }),
});

eventStoreConformance('the worker through the Comlink client (Chromium)', {
  open: (name) => connectTestClient(name) as Promise<TestStore>,
});
