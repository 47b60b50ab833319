import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

type EventDocument = {
  id: string;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  serverPosition: null;
  metadata: unknown;
};

/** The same records as the raw Dexie baseline, with the same unique stream+version index. */
const schema: RxJsonSchema<EventDocument> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    stream: { type: 'string', maxLength: 100 },
    version: { type: 'number', minimum: 0, maximum: 1e9, multipleOf: 1 },
    type: { type: 'string' },
    data: { type: 'object' },
    serverPosition: { type: 'null' },
    metadata: { type: 'object' },
  },
  required: ['id', 'stream', 'version', 'type', 'data', 'metadata'],
  indexes: [['stream', 'version']],
};

/**
 * Runs `work` with a writer into a fresh RxDB collection on RxDB's Dexie storage (its fastest
 * free IndexedDB storage), one `bulkInsert` per batch, then removes the database.
 */
export async function appendWithRxdb(
  name: string,
  work: (write: (documents: EventDocument[]) => Promise<unknown>) => Promise<number>,
): Promise<number> {
  const db = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: false });
  const { events } = await db.addCollections({ events: { schema } });
  const elapsed = await work(async (documents) => {
    const { error } = await events.bulkInsert(documents);
    if (error.length > 0) throw new Error(`RxDB refused ${error.length} documents`);
  });
  await db.remove();
  return elapsed;
}
