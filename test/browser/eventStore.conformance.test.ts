import { openStore } from '../../worker/store/openStore';
import { eventStoreConformance, type TestStore, testDomain } from '../conformance';
import { connectTestClient } from './testClient';

eventStoreConformance('Dexie on real IndexedDB (Chromium)', {
  open: (name) => openStore({ name, domain: testDomain }),
});

eventStoreConformance('the worker through the Comlink client (Chromium)', {
  open: (name) => connectTestClient(name) as Promise<TestStore>,
});
