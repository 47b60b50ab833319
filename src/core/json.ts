export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface JsonProblem {
  path: string;
  reason: string;
}

/**
 * Finds the first place where `value` is not plain JSON data (what survives `JSON.stringify` and
 * structured clone unchanged): functions, `undefined`, cycles, non-finite numbers, class instances.
 */
export function findJsonProblem(value: unknown, path: string): JsonProblem | undefined {
  return walk(value, path, new Set());
}

function walk(value: unknown, path: string, ancestors: Set<object>): JsonProblem | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { path, reason: `${value} is not a JSON number` };
  }
  if (typeof value !== 'object') {
    return { path, reason: `a ${typeof value} is not JSON data` };
  }
  if (ancestors.has(value)) return { path, reason: 'contains a cycle' };
  const isArray = Array.isArray(value);
  const prototype = Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) {
    return {
      path,
      reason: `a ${prototype?.constructor?.name ?? 'class'} instance is not JSON data`,
    };
  }
  ancestors.add(value);
  try {
    if (isArray) {
      for (let i = 0; i < value.length; i++) {
        const problem = walk(value[i], `${path}[${i}]`, ancestors);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, child] of Object.entries(value)) {
      const problem = walk(child, `${path}.${key}`, ancestors);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

/** UTF-8 size of the JSON text of a value already known to be JSON data. */
export function jsonByteLength(value: Json): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}
