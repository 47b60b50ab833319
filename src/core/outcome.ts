/** A promise's outcome as a value, so work started early can be waited for without throwing. */
export type Outcome<T> = { value: T } | { error: unknown };

export const outcomeOf = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** The value, or the error thrown again. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
