import type { WriteTransaction } from 'replicache';
import type { Task } from '../taskPeer';

/** Where a task is kept: one key per task, found by list through the `tasksByList` index. */
export const taskKey = (id: string) => `task/${id}`;
export const taskKeyPrefix = 'task/';

/** The highest mutation id this client wrote, so `flush()` knows what must reach IndexedDB. */
export interface MutationTracker {
  lastMutationID: number;
}

async function existingTask(tx: WriteTransaction, id: string): Promise<Task> {
  const task = await tx.get(taskKey(id));
  if (task === undefined) throw new Error(`Replicache: no task ${id}`);
  return task as unknown as Task;
}

/**
 * The local-only mutators (no server: Replicache runs each one at once on its in-memory cache and
 * persists to IndexedDB in the background).
 */
export function makeMutators(tracker: MutationTracker) {
  const track = (tx: WriteTransaction) => {
    if (tx.reason === 'initial') tracker.lastMutationID = tx.mutationID;
  };
  return {
    async createTask(tx: WriteTransaction, task: Task) {
      track(tx);
      await tx.set(taskKey(task.id), { ...task });
    },
    async createTasks(tx: WriteTransaction, tasks: Task[]) {
      track(tx);
      for (const task of tasks) await tx.set(taskKey(task.id), { ...task });
    },
    async renameTask(tx: WriteTransaction, { id, title }: { id: string; title: string }) {
      track(tx);
      await tx.set(taskKey(id), { ...(await existingTask(tx, id)), title });
    },
    async completeTask(tx: WriteTransaction, id: string) {
      track(tx);
      await tx.set(taskKey(id), { ...(await existingTask(tx, id)), done: true });
    },
    async moveTask(
      tx: WriteTransaction,
      { id, listId, rank }: { id: string; listId: string; rank: number },
    ) {
      track(tx);
      await tx.set(taskKey(id), { ...(await existingTask(tx, id)), listId, rank });
    },
  };
}
