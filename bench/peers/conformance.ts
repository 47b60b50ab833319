import type { Task, TaskPeer } from './taskPeer';

/** The first way a peer's adapter differs from the shared task-list contract. */
export class PeerMismatchError extends Error {
  override readonly name = 'PeerMismatchError';
  readonly peer: string;
  readonly step: string;
  readonly expected: unknown;
  readonly actual: unknown;
  constructor(details: { peer: string; step: string; expected: unknown; actual: unknown }) {
    super(
      `${details.peer}: ${details.step}: expected ${JSON.stringify(details.expected)}, got ${JSON.stringify(details.actual)}`,
    );
    this.peer = details.peer;
    this.step = details.step;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

export interface CheckOptions {
  /** How long a live query may take to show a write before the check calls it missing. */
  liveUpdateTimeoutMs?: number;
}

/** A task as plain data in a fixed key order, so peers' results compare as JSON. */
const plain = (t: Task): Task => ({
  id: t.id,
  listId: t.listId,
  title: t.title,
  done: t.done,
  rank: t.rank,
});
const same = (a: readonly Task[], b: readonly Task[]) =>
  JSON.stringify(a.map(plain)) === JSON.stringify(b.map(plain));
const byRankThenId = (a: Task, b: Task) =>
  a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every result one `watchList` delivered; waits for the one a step expects. */
class WatchedList {
  readonly results: (readonly Task[])[] = [];
  readonly stop: () => void;
  #waiter: (() => void) | undefined;

  constructor(
    private readonly peer: TaskPeer,
    private readonly listId: string,
    private readonly timeoutMs: number,
  ) {
    this.stop = peer.watchList(listId, (tasks) => {
      this.results.push(tasks.map(plain));
      this.#waiter?.();
    });
  }

  get latest(): readonly Task[] | undefined {
    return this.results.at(-1);
  }

  /** Resolves once the latest result is `expected`; a mismatch if it is not within the timeout. */
  async shows(step: string, expected: readonly Task[]): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (this.latest === undefined || !same(this.latest, expected)) {
      const left = deadline - Date.now();
      if (left <= 0) this.#mismatch(step, expected);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#waiter = undefined;
    }
    this.#everyResultSorted(step);
  }

  #everyResultSorted(step: string): void {
    for (const result of this.results) {
      const sorted = [...result].sort(byRankThenId);
      if (!same(result, sorted)) this.#mismatch(`${step}: order by rank then id`, sorted, result);
      const strays = result.filter((t) => t.listId !== this.listId);
      if (strays.length > 0) this.#mismatch(`${step}: only list ${this.listId}`, [], strays);
    }
  }

  #mismatch(step: string, expected: unknown, actual: unknown = this.latest): never {
    throw new PeerMismatchError({
      peer: this.peer.name,
      step: `watchList(${this.listId}) ${step}`,
      expected,
      actual,
    });
  }
}

async function expectList(peer: TaskPeer, step: string, listId: string, expected: Task[]) {
  const actual = (await peer.queryList(listId)).map(plain);
  if (!same(actual, expected)) {
    throw new PeerMismatchError({ peer: peer.name, step: `queryList ${step}`, expected, actual });
  }
}

/**
 * One check of the task-list contract, the same for every peer: on a store of its own, each write
 * kind is seen by `queryList` and by live `watchList`s (first result, every change, sorted by rank
 * then id, a moved task leaving its old list, a batch seen whole or not at all). Throws a
 * `PeerMismatchError` at the first difference; closes the store either way.
 */
export async function checkPeer(
  peer: TaskPeer,
  { liveUpdateTimeoutMs = 10_000 }: CheckOptions = {},
): Promise<void> {
  // `list-1` and `list-10`: a peer that finds a list by key prefix must not mix them up.
  const home = 'list-1';
  const neighbour = 'list-10';
  const other = 'list-2';
  const task = (id: string, listId: string, rank: number): Task => ({
    id,
    listId,
    title: `task ${id}`,
    done: false,
    rank,
  });

  await peer.open(`conformance-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const watches: WatchedList[] = [];
  try {
    const homeWatch = new WatchedList(peer, home, liveUpdateTimeoutMs);
    const otherWatch = new WatchedList(peer, other, liveUpdateTimeoutMs);
    watches.push(homeWatch, otherWatch);
    await homeWatch.shows('first result of an empty store', []);
    const first = homeWatch.results[0];
    if (first?.length !== 0) {
      throw new PeerMismatchError({
        peer: peer.name,
        step: 'watchList first result',
        expected: [],
        actual: first,
      });
    }

    const b = task('b', home, 2);
    await peer.create(b);
    await homeWatch.shows('after create', [b]);
    await expectList(peer, 'after create', home, [b]);

    // Equal ranks are ordered by id, whatever order they were written in.
    const c = task('c', home, 1);
    const a = task('a', home, 1);
    await peer.create(c);
    await peer.create(a);
    await homeWatch.shows('rank then id', [a, c, b]);
    await expectList(peer, 'rank then id', home, [a, c, b]);

    const renamed = { ...b, title: 'renamed b' };
    await peer.rename(b.id, renamed.title);
    await homeWatch.shows('after rename', [a, c, renamed]);
    await expectList(peer, 'after rename', home, [a, c, renamed]);

    const completed = { ...renamed, done: true };
    await peer.complete(b.id);
    await homeWatch.shows('after complete', [a, c, completed]);

    const moved = { ...completed, listId: other, rank: 0 };
    await peer.move(b.id, other, 0);
    await homeWatch.shows('after move (the task leaves)', [a, c]);
    await otherWatch.shows('after move (the task arrives)', [moved]);
    await expectList(peer, 'after move (old list)', home, [a, c]);
    await expectList(peer, 'after move (new list)', other, [moved]);

    const batch = [task('e', home, 0.5), task('d', home, 3), task('f', neighbour, 0)];
    const before = homeWatch.results.length;
    await peer.createMany(batch);
    const [e, d, f] = batch as [Task, Task, Task];
    await homeWatch.shows('after createMany', [e, a, c, d]);
    const partial = homeWatch.results.slice(before).find((r) => r.length !== 2 && r.length !== 4);
    if (partial !== undefined) {
      throw new PeerMismatchError({
        peer: peer.name,
        step: 'watchList createMany seen whole or not at all',
        expected: [e, a, c, d],
        actual: partial,
      });
    }
    await expectList(peer, 'after createMany', home, [e, a, c, d]);
    await expectList(peer, 'a list whose id the other list prefixes', neighbour, [f]);
    await expectList(peer, 'a list never written to', 'list-3', []);

    await peer.flush();
  } finally {
    for (const watch of watches) watch.stop();
    await peer.close();
  }
}
