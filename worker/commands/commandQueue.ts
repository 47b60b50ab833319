/**
 * Runs a worker's commands one after another, in the order they were issued, so each is decided
 * on the state the one before it left: commands from one tab never race each other. A command
 * that fails or is rejected does not stop the ones queued after it.
 */
export class CommandQueue {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(command: () => Promise<T>): Promise<T> {
    const done = this.last.then(command);
    this.last = done.catch(() => undefined);
    return done;
  }
}
