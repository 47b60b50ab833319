/** A command waiting in the queue, and how to settle its caller's promise. */
export interface Queued<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands a worker's commands on in groups, one group at a time, in the order they were issued: a
 * group is every command that queued while the group before it was being committed (the first
 * holds those issued in the same task). `commit` decides a group's commands one after another,
 * each on the state the one before it left, and settles each caller's promise with its own
 * outcome; should it throw, the callers it did not answer get that error, and the queue goes on.
 */
export class CommandQueue<I, R> {
  private waiting: Queued<I, R>[] = [];
  private draining = false;

  constructor(private readonly commit: (group: Queued<I, R>[]) => Promise<void>) {}

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      queueMicrotask(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      // A promise settles once: rejecting the ones already answered changes nothing.
      await this.commit(group).catch((error: unknown) => {
        for (const queued of group) queued.reject(error);
      });
    }
    this.draining = false;
  }
}
