/**
 * The names given as `--<flag>=a,b` among `args` (all of `known` when the flag is absent), in the
 * order given; a name `known` does not hold is an error naming the choices.
 */
export function chosenNames<const T extends string>(
  args: readonly string[],
  flag: string,
  known: readonly T[],
): T[] {
  const prefix = `--${flag}=`;
  const given = args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  if (given === undefined) return [...known];
  const names = given.split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !(known as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    const what = unknown.length > 0 ? `Unknown ${flag} ${unknown.join(', ')}` : `No ${flag} named`;
    throw new Error(`${what}: choose from ${known.join(', ')}`);
  }
  return names as T[];
}
