import type { Task, TaskPeer } from '../taskPeer';
import { watchLive } from './liveList';

/** The tasks a workload writes: `count` of them, spread over `lists` lists (`${prefix}-0`, ...). */
export function tasksFor(prefix: string, count: number, lists = 1, from = 0): Task[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${from + i}`,
    listId: `${prefix}-list-${(from + i) % lists}`,
    title: `Task ${from + i} of the ${prefix} workload`,
    done: false,
    rank: from + i,
  }));
}

const usage = async () => (await navigator.storage.estimate()).usage ?? 0;

/**
 * Stores tasks `from` to `to` (exclusive) in `lists` lists, `batch` to a `createMany`, and
 * flushes them; resolves with the storage the origin grew by, per task (nothing else writes
 * meanwhile).
 */
export async function seed(
  peer: TaskPeer,
  name: string,
  [from, to]: [number, number],
  lists: number,
  batch: number,
): Promise<number> {
  const before = await usage();
  await peer.open(name);
  for (let next = from; next < to; next += batch) {
    await peer.createMany(tasksFor('seed', Math.min(batch, to - next), lists, next));
  }
  await peer.flush();
  await peer.close();
  return ((await usage()) - before) / (to - from);
}

/** Cold start: opens a store already written and answers the first query, timed from navigation. */
export async function coldStart(peer: TaskPeer, name: string, listId: string) {
  await peer.open(name);
  const tasks = await peer.queryList(listId);
  return { answeredAt: performance.now(), tasks: tasks.length };
}

/** Each of `count` creates, one after another, until the watched list shows it (ms each). */
export async function roundTrips(peer: TaskPeer, name: string, count: number): Promise<number[]> {
  await peer.open(name);
  const tasks = tasksFor('rt', count);
  const live = await watchLive(peer, (tasks[0] as Task).listId);
  const times: number[] = [];
  for (const next of tasks) {
    const start = performance.now();
    const shown = live.shows(next.id);
    await peer.create(next);
    times.push((await shown) - start);
  }
  live.stop();
  await peer.close();
  return times;
}

/**
 * `tasks` written by `write` while the page watches the first task's list, timed until every
 * write resolved and that list shows all of its tasks (ms).
 */
async function untilShown(
  peer: TaskPeer,
  name: string,
  tasks: readonly Task[],
  write: (tasks: readonly Task[]) => Promise<void>,
): Promise<number> {
  await peer.open(name);
  const { listId } = tasks[0] as Task;
  const live = await watchLive(peer, listId);
  const start = performance.now();
  const shown = live.holds(tasks.filter((task) => task.listId === listId).length);
  await write(tasks);
  const elapsed = Math.max(await shown, performance.now()) - start;
  live.stop();
  await peer.close();
  return elapsed;
}

/**
 * `count` creates issued at once, each its own write, spread over `lists` lists of which the page
 * watches one: as a UI shows one list while an import or a sync writes to all of them.
 */
export const burst = (peer: TaskPeer, name: string, count: number, lists: number) =>
  untilShown(peer, name, tasksFor('burst', count, lists), async (tasks) => {
    await Promise.all(tasks.map((task) => peer.create(task)));
  });

/** `count` creates into the watched list in `createMany` batches of `size`, one after another. */
export const batches = (peer: TaskPeer, name: string, count: number, size: number) =>
  untilShown(peer, name, tasksFor('batch', count), async (tasks) => {
    for (let from = 0; from < tasks.length; from += size) {
      await peer.createMany(tasks.slice(from, from + size));
    }
  });

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * Tab to tab, the receiving tab: resolves once it watches the list the sender writes to, with
 * the wall clock at which each of the sender's tasks arrives.
 */
export async function listenAcrossTabs(peer: TaskPeer, name: string, count: number) {
  await peer.open(name);
  const tasks = tasksFor('tab', count);
  const live = await watchLive(peer, (tasks[0] as Task).listId);
  const arrivals = async () => {
    const times = await Promise.all(
      tasks.map(async (task) => (await live.shows(task.id)) + performance.timeOrigin),
    );
    live.stop();
    await peer.close();
    return times;
  };
  return { arrivals: arrivals() };
}

/** Tab to tab, the sending tab: one create at a time, `gapMs` apart; the wall clock of each. */
export async function sendAcrossTabs(peer: TaskPeer, name: string, count: number, gapMs: number) {
  await peer.open(name);
  const sent: number[] = [];
  for (const task of tasksFor('tab', count)) {
    sent.push(wallClock());
    await peer.create(task);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  // Left open: a peer that persists in the background (Replicache) shows other tabs only what
  // reached disk, which a tab still open gets to in its own time. `closeStore` closes it after.
  return sent;
}

/** Opens a store, writes and reads one task: what the size workload loads the page for. */
export async function touch(peer: TaskPeer, name: string) {
  await peer.open(name);
  await peer.create(tasksFor('size', 1)[0] as Task);
  await peer.queryList('size-list-0');
  await peer.close();
}
