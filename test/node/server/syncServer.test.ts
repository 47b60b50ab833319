import { indexedDbStorage } from '../../../src/mocks/indexedDbStorage';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { syncServerConformance } from './serverConformance';

let databases = 0;

syncServerConformance('memory storage', memoryStorage);
syncServerConformance('IndexedDB storage (fake-indexeddb)', () =>
  indexedDbStorage(`mock-server-${++databases}`),
);
