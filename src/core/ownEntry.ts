/**
 * The entry `record` itself holds at `key`. Lookups by a name from the data (an event's type) go
 * through this: what every object inherits (`toString`, `constructor`, `__proto__`) is no entry.
 */
export function ownEntry<T>(
  record: Readonly<Record<string | number, T>> | undefined,
  key: string | number,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
