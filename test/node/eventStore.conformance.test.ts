import { openStore } from '../../worker/store/openStore';
import { eventStoreConformance, testDomain } from '../conformance';

eventStoreConformance('Dexie on fake IndexedDB (Node)', {
  open: (name) => openStore({ name, domain: testDomain }),
});
