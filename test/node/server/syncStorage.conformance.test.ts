import { indexedDbStorage } from '../../../src/mocks/indexedDbStorage';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { describeSyncStorageConformance } from '../../../src/testing/conformance';

let databases = 0;

describeSyncStorageConformance('memory', memoryStorage);
describeSyncStorageConformance('IndexedDB (fake-indexeddb)', () =>
  indexedDbStorage(`mock-server-storage-${++databases}`),
);
