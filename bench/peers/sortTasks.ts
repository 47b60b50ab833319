import type { Task } from './taskPeer';

/** The order a list shows its tasks in: by rank, then by id (for peers that cannot sort so). */
export const byRankThenId = (a: Task, b: Task): number =>
  a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
