import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { PeerFactory, Task, TaskPeer } from '../taskPeer';

/** Indexed by list, then rank and id: the order a list shows its tasks in. */
const schema: RxJsonSchema<Task> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    listId: { type: 'string', maxLength: 64 },
    title: { type: 'string' },
    done: { type: 'boolean' },
    // An indexed number needs bounds and a step: ranks between others keep three decimals.
    rank: { type: 'number', minimum: -1e9, maximum: 1e9, multipleOf: 0.001 },
  },
  required: ['id', 'listId', 'title', 'done', 'rank'],
  indexes: [['listId', 'rank', 'id']],
};

type TaskCollection = RxCollection<Task>;

const inList = (tasks: TaskCollection, listId: string) =>
  tasks.find({ selector: { listId }, sort: [{ rank: 'asc' }, { id: 'asc' }] });

/** RxDB on its Dexie storage (its free IndexedDB one), as its docs show; `$` for the UI. */
export const createPeer: PeerFactory = (): TaskPeer => {
  let db: RxDatabase<{ tasks: TaskCollection }> | undefined;
  const collection = () => {
    if (!db) throw new Error('The RxDB peer is not open');
    return db.tasks;
  };
  const patch = async (id: string, fields: Partial<Task>) => {
    await collection().findOne(id).patch(fields);
  };

  return {
    name: 'rxdb',
    label: 'RxDB 17 (Dexie storage)',
    traits: { worker: false, offlineWrites: true, crossTab: true, storage: 'IndexedDB' },
    async open(name) {
      // multiInstance (the default in a browser): tabs tell each other of their writes.
      const database = await createRxDatabase<{ tasks: TaskCollection }>({
        name,
        storage: getRxStorageDexie(),
        multiInstance: true,
      });
      await database.addCollections({ tasks: { schema } });
      db = database;
    },
    async create(task) {
      await collection().insert({ ...task });
    },
    rename: (id, title) => patch(id, { title }),
    complete: (id) => patch(id, { done: true }),
    move: (id, listId, rank) => patch(id, { listId, rank }),
    async createMany(tasks) {
      // RxDB has no transactions: bulkInsert writes what it can and reports the rest.
      const { error } = await collection().bulkInsert(tasks.map((task) => ({ ...task })));
      if (error.length > 0)
        throw new Error(`RxDB refused ${error.length} of ${tasks.length} tasks`);
    },
    watchList(listId, onChange) {
      const subscription = inList(collection(), listId).$.subscribe((documents) =>
        onChange(documents.map((document) => document.toMutableJSON())),
      );
      return () => subscription.unsubscribe();
    },
    async queryList(listId) {
      return (await inList(collection(), listId).exec()).map((document) =>
        document.toMutableJSON(),
      );
    },
    // Each write resolves once its storage has committed it.
    flush: async () => undefined,
    async close() {
      await db?.close();
      db = undefined;
    },
  };
};
