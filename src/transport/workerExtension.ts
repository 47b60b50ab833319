/**
 * Calls a worker script serves beside the store (`exposeStore`'s `extend`), by name. Their
 * arguments and results cross the worker boundary by structured clone: no functions.
 */
export type WorkerExtension = Record<string, (...args: never[]) => unknown>;

/** No calls beside the store's. */
export type NoExtension = Record<never, never>;

/** A worker extension as the main thread calls it: each call answers with a promise. */
export type RemoteExtension<E extends WorkerExtension> = {
  readonly [Call in keyof E]: (
    ...args: Parameters<E[Call]>
  ) => Promise<Awaited<ReturnType<E[Call]>>>;
};
