import { Dexie, type EntityTable, liveQuery } from 'dexie';
import type { PeerFactory, Task, TaskPeer } from '../taskPeer';

type TaskDatabase = Dexie & { tasks: EntityTable<Task, 'id'> };

/** A list's tasks in the order it shows them: its slice of the [listId+rank+id] index. */
const listed = (db: TaskDatabase, listId: string) =>
  db.tasks
    .where('[listId+rank+id]')
    .between([listId, Dexie.minKey, Dexie.minKey], [listId, Dexie.maxKey, Dexie.maxKey])
    .toArray();

/** Raw Dexie 4 on the main thread, as its docs show: one table, `liveQuery` for the UI. */
export const createPeer: PeerFactory = (): TaskPeer => {
  let db: TaskDatabase | undefined;
  const opened = () => {
    if (!db) throw new Error('The Dexie peer is not open');
    return db;
  };

  return {
    name: 'dexie',
    label: `Dexie ${Dexie.semVer}`,
    traits: { worker: false, offlineWrites: true, crossTab: true, storage: 'IndexedDB' },
    async open(name) {
      const database = new Dexie(name) as TaskDatabase;
      database.version(1).stores({ tasks: 'id, [listId+rank+id]' });
      await database.open();
      db = database;
    },
    async create(task) {
      await opened().tasks.add(task);
    },
    async rename(id, title) {
      await opened().tasks.update(id, { title });
    },
    async complete(id) {
      await opened().tasks.update(id, { done: true });
    },
    async move(id, listId, rank) {
      await opened().tasks.update(id, { listId, rank });
    },
    async createMany(tasks) {
      // One transaction: bulkAdd on its own keeps the tasks it could add when one fails.
      const database = opened();
      await database.transaction('rw', database.tasks, () => database.tasks.bulkAdd([...tasks]));
    },
    watchList(listId, onChange) {
      const database = opened();
      const subscription = liveQuery(() => listed(database, listId)).subscribe({
        next: onChange,
        error: (error) => {
          throw error;
        },
      });
      return () => subscription.unsubscribe();
    },
    queryList: (listId) => listed(opened(), listId),
    // Each write resolves once its transaction has committed.
    flush: async () => undefined,
    async close() {
      db?.close();
      db = undefined;
    },
  };
};
