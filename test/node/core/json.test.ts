import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findJsonProblem,
  type Json,
  jsonByteLength,
  jsonBytesOver,
  jsonEqual,
  jsonTextDepth,
} from '../../../src/core/json';
import { LIMITS } from '../../../src/core/limits';

const nested = (depth: number): Json => {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON rules shared by every path', () => {
  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(findJsonProblem(nested(LIMITS.maxJsonDepth), 'data')).toBeUndefined();
    expect(findJsonProblem(nested(LIMITS.maxJsonDepth + 1), 'data')?.reason).toBe(
      `nests deeper than ${LIMITS.maxJsonDepth} levels`,
    );
    expect(findJsonProblem(nested(100_000), 'data')?.reason).toMatch(/nests deeper/);
  });

  it('refuses own __proto__ keys and symbol keys, naming where', () => {
    const parsed = JSON.parse('{"note":"hi","inner":{"__proto__":{"x":1}}}');
    expect(findJsonProblem(parsed, 'data')).toEqual({
      path: 'data.inner.__proto__',
      reason: 'a "__proto__" key is not allowed',
    });
    expect(findJsonProblem({ [Symbol('s')]: 1, a: 1 }, 'data')?.reason).toMatch(/symbol keys/);
  });

  it('compares JSON by value, a key named constructor included', () => {
    const a = JSON.parse('{"constructor":{"name":"x"},"list":[1,{"b":2}]}');
    const b = JSON.parse('{"list":[1,{"b":2}],"constructor":{"name":"x"}}');
    expect(jsonEqual(a, b)).toBe(true);
    expect(jsonEqual(a, { ...b, constructor: { name: 'y' } })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = JSON.parse(JSON.stringify(value)) as Json;
        expect(jsonEqual(value as Json, copy)).toBe(true);
      }),
    );
  });

  it('tells a value over a byte limit by its exact UTF-8 size, the fast path included', () => {
    // Strings of 1-, 2-, 3- and 4-byte characters (the last ASCII one and the first past it
    // among them, and a lone surrogate, which JSON escapes), at limits around their exact size
    // and a third of it, against an encoder's count.
    const text = fc.string({
      unit: fc.constantFrom('a', '\u007f', '\u0080', 'é', '€', '😀', '\ud800', '"', '\\n'),
      maxLength: 40,
    });
    const encoded = (value: Json) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 5 }),
        fc.integer({ min: -3, max: 3 }),
        (value, nudge) => {
          const size = encoded(value);
          expect(jsonByteLength(value)).toBe(size);
          for (const limit of [size + nudge, Math.floor(size / 3) + nudge, size * 3 + nudge]) {
            expect(jsonBytesOver(value, limit)).toBe(size > limit ? size : undefined);
          }
        },
      ),
    );
    // "😀😀😀" is 8 UTF-16 units and 14 UTF-8 bytes.
    expect(jsonBytesOver('😀'.repeat(3), 13)).toBe(14);
    expect(jsonBytesOver('😀'.repeat(3), 14)).toBeUndefined();
    expect(jsonBytesOver('😀'.repeat(3), 24)).toBeUndefined();
  });

  it('measures the depth of a JSON text without parsing it, strings aside', () => {
    expect(jsonTextDepth('{"a":[{"b":"[[[{{\\"}"}]}')).toBe(3);
    expect(jsonTextDepth('[]')).toBe(1);
    expect(jsonTextDepth('"x"')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (depth) => {
        expect(jsonTextDepth(JSON.stringify(nested(depth)))).toBe(depth);
      }),
    );
  });
});
