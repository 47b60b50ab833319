import { LIMITS } from './limits';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface JsonProblem {
  path: string;
  reason: string;
}

/**
 * Finds the first place where `value` is not plain JSON data that every path keeps the same
 * (`JSON.stringify`, structured clone, a server's parser): functions, `undefined`, symbols and
 * symbol keys, cycles, non-finite numbers, class instances, own `__proto__` keys (which JSON
 * parsers and object spreads treat differently), and nesting deeper than `maxDepth`.
 */
export function findJsonProblem(
  value: unknown,
  path: string,
  maxDepth: number = LIMITS.maxJsonDepth,
): JsonProblem | undefined {
  const problem = walk(value, new Set(), maxDepth);
  if (!problem) return undefined;
  const steps = problem.trail
    .reverse()
    .map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`));
  return { path: path + steps.join(''), reason: problem.reason };
}

/**
 * A problem found by `walk`: its reason, and the keys and indexes leading to it from the value
 * walked, innermost first (a path is only spelled out once there is a problem to name).
 */
interface FoundProblem {
  trail: (string | number)[];
  reason: string;
}

const found = (reason: string, ...trail: (string | number)[]): FoundProblem => ({ trail, reason });

/** The problem found under `step`, as seen from the value holding it. */
function via(problem: FoundProblem, step: string | number): FoundProblem {
  problem.trail.push(step);
  return problem;
}

function walk(value: unknown, ancestors: Set<object>, depthLeft: number): FoundProblem | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : found(`${value} is not a JSON number`);
  }
  if (typeof value !== 'object') return found(`a ${typeof value} is not JSON data`);
  if (ancestors.has(value)) return found('contains a cycle');
  if (depthLeft === 0) return found(`nests deeper than ${ancestors.size} levels`);
  const isArray = Array.isArray(value);
  const prototype = Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) {
    return found(`a ${prototype?.constructor?.name ?? 'class'} instance is not JSON data`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    return found('has symbol keys, which are not JSON data');
  }
  if (!isArray && Object.hasOwn(value, '__proto__')) {
    return found('a "__proto__" key is not allowed', '__proto__');
  }
  ancestors.add(value);
  try {
    if (isArray) {
      for (let i = 0; i < value.length; i++) {
        const problem = walk(value[i], ancestors, depthLeft - 1);
        if (problem) return via(problem, i);
      }
      return undefined;
    }
    for (const key of Object.keys(value)) {
      const problem = walk((value as Record<string, unknown>)[key], ancestors, depthLeft - 1);
      if (problem) return via(problem, key);
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Whether two JSON values are equal, key order aside. Compares own keys only (a key named
 * `constructor` is data like any other; general deep-equal helpers compare constructors).
 */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i] as Json));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key] as Json, b[key] as Json));
}

/**
 * How deep objects and arrays nest in a JSON text, found without parsing it: a body can be
 * refused for its depth before a recursive parser or validator could overflow the stack on it.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

const utf8 = new TextEncoder();

/** UTF-8 size of the JSON text of a value already known to be JSON data. */
export function jsonByteLength(value: Json): number {
  return utf8ByteLength(JSON.stringify(value));
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * UTF-8 size of a text. Fast path: a text with no code unit past U+007F (most JSON of ids, names
 * and numbers) is one byte per unit, which a regex finds without encoding the text into a copy.
 */
function utf8ByteLength(text: string): number {
  return NON_ASCII.test(text) ? utf8.encode(text).byteLength : text.length;
}

/**
 * The UTF-8 size of a value's JSON text when it is over `maxBytes`; undefined when it fits.
 * Fast path: a UTF-16 code unit of the text is at most 3 UTF-8 bytes (a surrogate pair, two
 * units, is 4), so a text of at most `maxBytes / 3` units fits without being measured.
 */
export function jsonBytesOver(value: Json, maxBytes: number): number | undefined {
  const text = JSON.stringify(value);
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = utf8ByteLength(text);
  return bytes > maxBytes ? bytes : undefined;
}
