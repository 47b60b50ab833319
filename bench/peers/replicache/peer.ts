import { Replicache } from 'replicache';
import type { Task, TaskPeer } from '../taskPeer';
import { type MutationTracker, makeMutators, taskKeyPrefix } from './mutators';
import { openReplicacheIDB, persistedMutationID } from './persisted';

const byList = 'tasksByList';
/** How often `flush()` looks whether the background persist has reached the last mutation. */
const persistPollMs = 20;

type TaskReplicache = Replicache<ReturnType<typeof makeMutators>>;

const byRankThenId = (a: Task, b: Task) =>
  a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function scanList(
  tx: Parameters<Parameters<TaskReplicache['query']>[0]>[0],
  listId: string,
): Promise<Task[]> {
  const tasks: Task[] = [];
  // An index scan's keys are [secondary, primary]; starting at the list's key and stopping at the
  // first other list reads only this list (a bare prefix would also match `list-10` for `list-1`).
  for await (const [[secondary], value] of tx
    .scan({ indexName: byList, start: { key: [listId] } })
    .entries()) {
    if (secondary !== listId) break;
    tasks.push(value as unknown as Task);
  }
  return tasks.sort(byRankThenId);
}

/** Replicache 15 as its docs say: local-only mutators, `subscribe` for the live list, no server. */
export function createPeer(): TaskPeer {
  let rep: TaskReplicache | undefined;
  const tracker: MutationTracker = { lastMutationID: 0 };
  const opened = (): TaskReplicache => {
    if (rep === undefined) throw new Error('Replicache peer: open() first');
    return rep;
  };

  return {
    name: 'replicache',
    label: 'Replicache 15.3',
    traits: { worker: false, offlineWrites: true, crossTab: true, storage: 'IndexedDB' },

    async open(name) {
      tracker.lastMutationID = 0;
      rep = new Replicache({
        name,
        mutators: makeMutators(tracker),
        indexes: { [byList]: { prefix: taskKeyPrefix, jsonPointer: '/listId' } },
      });
      // Their defaults reload the page; a benchmark page must never reload on its own.
      rep.onUpdateNeeded = null;
      rep.onClientStateNotFound = null;
      await rep.query(() => true);
    },
    async create(task) {
      await opened().mutate.createTask(task);
    },
    async rename(id, title) {
      await opened().mutate.renameTask({ id, title });
    },
    async complete(id) {
      await opened().mutate.completeTask(id);
    },
    async move(id, listId, rank) {
      await opened().mutate.moveTask({ id, listId, rank });
    },
    async createMany(tasks) {
      await opened().mutate.createTasks([...tasks]);
    },
    watchList(listId, onChange) {
      return opened().subscribe((tx) => scanList(tx, listId), { onData: onChange });
    },
    queryList(listId) {
      return opened().query((tx) => scanList(tx, listId));
    },
    async flush() {
      const r = opened();
      const target = tracker.lastMutationID;
      if (target === 0) return;
      const clientGroupID = await r.clientGroupID;
      const db = await openReplicacheIDB(r.idbName);
      try {
        while ((await persistedMutationID(db, clientGroupID, r.clientID)) < target) {
          await new Promise((resolve) => setTimeout(resolve, persistPollMs));
        }
      } finally {
        db.close();
      }
    },
    async close() {
      await rep?.close();
      rep = undefined;
    },
  };
}
