import { describe, expect, it } from 'vitest';
import { checkPeer, PeerMismatchError } from '../../../bench/peers/conformance';
import type { Task, TaskPeer } from '../../../bench/peers/taskPeer';

const byRankThenId = (a: Task, b: Task) =>
  a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Quirks {
  /** Sorts by rank only, in insertion order within a rank. */
  ignoreIdOrder?: boolean;
  /** A moved task's old list does not hear of it. */
  staleOldList?: boolean;
  /** createMany shows each task as it is written. */
  batchOneByOne?: boolean;
}

/** A task peer in memory, right unless told which mistake to make. */
function memoryPeer(quirks: Quirks = {}): TaskPeer {
  const tasks = new Map<string, Task>();
  const watchers = new Set<{ listId: string; onChange: (t: readonly Task[]) => void }>();
  const list = (listId: string) => {
    const rows = [...tasks.values()].filter((t) => t.listId === listId);
    return quirks.ignoreIdOrder ? rows.sort((a, b) => a.rank - b.rank) : rows.sort(byRankThenId);
  };
  const notify = (skipList?: string) => {
    for (const w of watchers) if (w.listId !== skipList) w.onChange(list(w.listId));
  };
  const update = (id: string, change: Partial<Task>) => {
    const task = tasks.get(id);
    if (task === undefined) throw new Error(`no task ${id}`);
    tasks.set(id, { ...task, ...change });
    notify(quirks.staleOldList && change.listId !== undefined ? task.listId : undefined);
  };
  return {
    name: 'memory',
    label: 'In memory',
    traits: { worker: false, offlineWrites: false, crossTab: false, storage: 'memory' },
    async open() {},
    async create(task) {
      tasks.set(task.id, { ...task });
      notify();
    },
    async rename(id, title) {
      update(id, { title });
    },
    async complete(id) {
      update(id, { done: true });
    },
    async move(id, listId, rank) {
      update(id, { listId, rank });
    },
    async createMany(batch) {
      for (const task of batch) {
        tasks.set(task.id, { ...task });
        if (quirks.batchOneByOne) notify();
      }
      notify();
    },
    watchList(listId, onChange) {
      const watcher = { listId, onChange };
      watchers.add(watcher);
      onChange(list(listId));
      return () => watchers.delete(watcher);
    },
    async queryList(listId) {
      return list(listId);
    },
    async flush() {},
    async close() {},
  };
}

async function mismatchOf(peer: TaskPeer): Promise<PeerMismatchError> {
  const error = await checkPeer(peer, { liveUpdateTimeoutMs: 200 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PeerMismatchError);
  return error as PeerMismatchError;
}

describe('checkPeer, the conformance check every peer of the benchmark runs', () => {
  it('passes a peer that keeps the task-list contract', async () => {
    await expect(checkPeer(memoryPeer())).resolves.toBeUndefined();
  });

  it('names the step where equal ranks are not ordered by id', async () => {
    const error = await mismatchOf(memoryPeer({ ignoreIdOrder: true }));
    expect(error.peer).toBe('memory');
    expect(error.step).toContain('rank then id');
    expect(error.expected).toEqual([
      expect.objectContaining({ id: 'a' }),
      expect.objectContaining({ id: 'c' }),
      expect.objectContaining({ id: 'b' }),
    ]);
  });

  it('fails a live list that keeps a task moved out of it', async () => {
    const error = await mismatchOf(memoryPeer({ staleOldList: true }));
    expect(error.step).toBe('watchList(list-1) after move (the task leaves)');
  });

  it('fails a live list that shows a batch part-written', async () => {
    const error = await mismatchOf(memoryPeer({ batchOneByOne: true }));
    expect(error.step).toBe('watchList createMany seen whole or not at all');
  });
});
