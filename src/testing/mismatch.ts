const show = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * A plain Error for a failed check, with `expected` and `actual` on it so Vitest and Jest print a
 * diff; the message shows both for any other runner.
 */
export function mismatch(
  what: string,
  { expected, actual }: { expected: unknown; actual: unknown },
) {
  return Object.assign(
    new Error(`${what}\nExpected:\n${show(expected)}\nActual:\n${show(actual)}`),
    {
      expected,
      actual,
    },
  );
}
