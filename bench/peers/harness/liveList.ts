import type { Task, TaskPeer } from '../taskPeer';

/** A watched list and the moments it first showed what the workloads wait for. */
export interface LiveList {
  /** Resolves with `performance.now()` when the list first shows a task with this id. */
  shows(id: string): Promise<number>;
  /** Resolves with `performance.now()` when the list first holds at least `count` tasks. */
  holds(count: number): Promise<number>;
  stop(): void;
}

type Waiter = { ready: (tasks: readonly Task[]) => boolean; resolve: (at: number) => void };

/** Watches `listId` through the peer's reactive query; resolves once its first result came. */
export async function watchLive(peer: TaskPeer, listId: string): Promise<LiveList> {
  let latest: readonly Task[] | undefined;
  let waiters: Waiter[] = [];
  let first: (() => void) | undefined;
  const firstResult = new Promise<void>((resolve) => {
    first = resolve;
  });
  const stop = peer.watchList(listId, (tasks) => {
    const at = performance.now();
    latest = tasks;
    first?.();
    waiters = waiters.filter((waiter) => {
      if (!waiter.ready(tasks)) return true;
      waiter.resolve(at);
      return false;
    });
  });
  const until = (ready: Waiter['ready']) =>
    new Promise<number>((resolve) => {
      if (latest && ready(latest)) resolve(performance.now());
      else waiters.push({ ready, resolve });
    });
  await firstResult;
  return {
    shows: (id) => until((tasks) => tasks.some((task) => task.id === id)),
    holds: (count) => until((tasks) => tasks.length >= count),
    stop,
  };
}
