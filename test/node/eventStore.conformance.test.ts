import { eventStoreConformance, testDomain } from '../../src/testing/conformance';
import { openStore } from '../../worker/store/openStore';

eventStoreConformance('Dexie on fake IndexedDB (Node)', {
  open: (name) => openStore({ name, domain: testDomain }),
});
