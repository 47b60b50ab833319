import { describe, expect, it } from 'vitest';
import { watchLive } from '../../../bench/peers/harness/liveList';
import { burst, roundTrips, tasksFor } from '../../../bench/peers/harness/workloads';
import { byRankThenId } from '../../../bench/peers/sortTasks';
import type { Task, TaskPeer } from '../../../bench/peers/taskPeer';

/** A peer in memory whose watchers hear of each write a macrotask after it resolved. */
function memoryPeer(): TaskPeer & { writes: number } {
  const tasks = new Map<string, Task>();
  const watchers = new Set<() => void>();
  const changed = () =>
    setTimeout(() => {
      for (const notify of watchers) notify();
    }, 0);
  const inList = (listId: string) =>
    [...tasks.values()].filter((task) => task.listId === listId).sort(byRankThenId);
  const peer = {
    name: 'memory',
    label: 'Memory',
    traits: { worker: false, offlineWrites: false, crossTab: false, storage: 'memory' },
    writes: 0,
    open: async () => undefined,
    async create(task: Task) {
      peer.writes++;
      tasks.set(task.id, task);
      changed();
    },
    rename: async () => undefined,
    complete: async () => undefined,
    move: async () => undefined,
    async createMany(many: readonly Task[]) {
      for (const task of many) tasks.set(task.id, task);
      changed();
    },
    watchList(listId: string, onChange: (tasks: readonly Task[]) => void) {
      const notify = () => onChange(inList(listId));
      watchers.add(notify);
      notify();
      return () => watchers.delete(notify);
    },
    queryList: async (listId: string) => inList(listId),
    flush: async () => undefined,
    close: async () => undefined,
  };
  return peer;
}

describe('the peer harness', () => {
  it('spreads a workload’s tasks over its lists, ranked in the order they are written', () => {
    expect(tasksFor('w', 4, 2, 10).map(({ id, listId, rank }) => [id, listId, rank])).toEqual([
      ['w-10', 'w-list-0', 10],
      ['w-11', 'w-list-1', 11],
      ['w-12', 'w-list-0', 12],
      ['w-13', 'w-list-1', 13],
    ]);
  });

  it('resolves a live list’s waits when the watched list first shows a task or a count', async () => {
    const peer = memoryPeer();
    const live = await watchLive(peer, 'l');
    const shown = live.shows('a');
    const two = live.holds(2);
    let settled = false;
    void two.then(() => {
      settled = true;
    });
    await peer.create({ id: 'a', listId: 'l', title: '', done: false, rank: 0 });
    await shown;
    expect(settled).toBe(false);
    await peer.create({ id: 'b', listId: 'l', title: '', done: false, rank: 1 });
    await expect(two).resolves.toBeTypeOf('number');
    live.stop();
  });

  it('times each round trip until the watched list shows its task', async () => {
    const peer = memoryPeer();
    const times = await roundTrips(peer, 'rt', 5);
    expect(times).toHaveLength(5);
    expect(peer.writes).toBe(5);
    expect((await peer.queryList('rt-list-0')).map((task) => task.id)).toEqual(
      tasksFor('rt', 5).map((task) => task.id),
    );
  });

  it('ends a burst only once the watched list shows all of its share', async () => {
    const peer = memoryPeer();
    const elapsed = await burst(peer, 'b', 30, 3);
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(peer.writes).toBe(30);
    expect(await peer.queryList('burst-list-0')).toHaveLength(10);
  });
});
