/** A promise's outcome as a value, so work started early can be waited for without throwing. */
export type Outcome<T> = { value: T } | { error: unknown };

export const outcomeOf = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** What `call` returns, or what it throws, as a value. */
export function outcomeOfCall<T>(call: () => T): Outcome<T> {
  try {
    return { value: call() };
  } catch (error) {
    return { error };
  }
}

/** The value, or the error thrown again. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
