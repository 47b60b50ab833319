import { vi } from 'vitest';

/**
 * Holds background rebuilds between their batches, so a test can land a sync exactly there. A
 * rebuild yields between batches by posting itself a MessageChannel message; this stands in for
 * MessageChannel and keeps each message until `release()`. Undo with `vi.unstubAllGlobals()`.
 */
export function holdRebuilds() {
  const held: (() => void)[] = [];
  let onHeld: (() => void) | undefined;
  class HeldChannel {
    readonly port1 = { onmessage: null as (() => void) | null, close: () => undefined };
    readonly port2 = {
      postMessage: () => {
        held.push(() => this.port1.onmessage?.());
        onHeld?.();
      },
    };
  }
  vi.stubGlobal('MessageChannel', HeldChannel);
  return {
    /** Resolves true once a rebuild waits between two batches, false if `done` settles first. */
    paused(done: Promise<unknown>): Promise<boolean> {
      if (held.length > 0) return Promise.resolve(true);
      return Promise.race([
        new Promise<boolean>((resolve) => {
          onHeld = () => resolve(true);
        }),
        done.then(() => false),
      ]);
    },
    /** Lets every waiting rebuild run its next batch. */
    release(): void {
      for (const resume of held.splice(0)) resume();
    },
    /** Lets rebuilds run batch after batch until `done` settles. */
    async runUntil(done: Promise<unknown>): Promise<void> {
      while (await this.paused(done)) this.release();
    },
  };
}
