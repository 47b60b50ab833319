import { makePersistedAdapter } from '@livestore/adapter-web';
import LiveStoreSharedWorker from '@livestore/adapter-web/shared-worker?sharedworker';
import { createStorePromise, queryDb, type Store } from '@livestore/livestore';
import type { Task, TaskPeer } from '../taskPeer';
import { untilDurable } from './durable';
import LiveStoreWorker from './livestore.worker.ts?worker';
import { events, schema, tables } from './schema';

type TaskStore = Store<typeof schema>;

const listQuery = (listId: string) =>
  queryDb(
    tables.tasks.where({ listId }).orderBy([
      { col: 'rank', direction: 'asc' },
      { col: 'id', direction: 'asc' },
    ]),
    { label: `tasks:${listId}`, deps: [listId] },
  );

/** LiveStore 0.4 as its docs say: the web adapter on OPFS, events materialized into `tasks`. */
export function createPeer(): TaskPeer {
  let store: TaskStore | undefined;
  const opened = (): TaskStore => {
    if (store === undefined) throw new Error('LiveStore peer: open() first');
    return store;
  };

  return {
    name: 'livestore',
    label: 'LiveStore 0.4 (OPFS)',
    traits: { worker: true, offlineWrites: true, crossTab: true, storage: 'OPFS (SQLite)' },

    async open(name) {
      store = await createStorePromise({
        schema,
        storeId: name,
        adapter: makePersistedAdapter({
          storage: { type: 'opfs' },
          worker: LiveStoreWorker,
          sharedWorker: LiveStoreSharedWorker,
        }),
        // Not part of what is measured; and a benchmark page must reload without a prompt.
        disableDevtools: true,
        confirmUnsavedChanges: false,
      });
    },
    async create(task) {
      opened().commit(events.taskCreated(task));
    },
    async rename(id, title) {
      opened().commit(events.taskRenamed({ id, title }));
    },
    async complete(id) {
      opened().commit(events.taskCompleted({ id }));
    },
    async move(id, listId, rank) {
      opened().commit(events.taskMoved({ id, listId, rank }));
    },
    async createMany(tasks) {
      opened().commit(...tasks.map((task) => events.taskCreated(task)));
    },
    watchList(listId, onChange) {
      return opened().subscribe(listQuery(listId), (rows) => onChange(rows as readonly Task[]));
    },
    async queryList(listId) {
      return opened().query(listQuery(listId)) as readonly Task[];
    },
    flush() {
      return untilDurable(opened());
    },
    async close() {
      await store?.shutdownPromise();
      store = undefined;
    },
  };
}
