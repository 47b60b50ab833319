/**
 * A device's link to the sync server in a test: requests reach the server at once, and each
 * answer waits until the test hands it over, so the test decides what the device does meanwhile.
 */
export class HeldAnswers {
  #held: (() => void)[] = [];
  #arrived: (() => void) | undefined;
  #open = false;

  readonly fetch: typeof fetch = async (input, init) => {
    const answer = await globalThis.fetch(input, init);
    if (!this.#open) {
      await new Promise<void>((release) => {
        this.#held.push(release);
        this.#arrived?.();
      });
    }
    return answer;
  };

  /**
   * Hands over the next answer, waiting for it to come unless `sync` (the sync asking for it)
   * ends first: false when there was none to hand over.
   */
  async handOver(sync: Promise<unknown> | undefined): Promise<boolean> {
    if (this.#held.length === 0 && sync) {
      await Promise.race([sync, new Promise<void>((arrived) => (this.#arrived = arrived))]);
      this.#arrived = undefined;
    }
    const release = this.#held.shift();
    release?.();
    return release !== undefined;
  }

  /** From now on, answers pass as they come. */
  open(): void {
    this.#open = true;
    for (const release of this.#held.splice(0)) release();
  }
}
