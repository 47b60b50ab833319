import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import { LIMITS } from '../../../src/core/limits';
import {
  errorResponse,
  liveNotice,
  pullResponse,
  pushRequest,
  pushResponse,
} from '../../../src/core/syncProtocol';

const schemas: Record<string, z.ZodMiniType> = {
  pushRequest,
  pushResponse,
  pullResponse,
  liveNotice,
  errorResponse,
};
const docs = readFileSync(new URL('../../../docs/sync-protocol.md', import.meta.url), 'utf8');
/** Each example marked `<!-- schema: name -->`, with the name of the schema it shows. */
const examples = [...docs.matchAll(/<!-- schema: (\w+) -->\n```json\n([\s\S]*?)\n```/g)].map(
  ([, schema, json]) => [schema as string, json as string] as const,
);

const units: Record<string, number> = { '': 1, KiB: 1024, MiB: 1024 * 1024 };
/** The limits table's rows: `| \`maxEventBytes\` | 64 KiB | ... |`. */
const documentedLimits = Object.fromEntries(
  [...docs.matchAll(/^\| `(\w+)` +\| (\d+) ?(KiB|MiB)? +\|/gm)].map(([, name, value, unit]) => [
    name,
    Number(value) * (units[unit ?? ''] ?? Number.NaN),
  ]),
);

describe('docs/sync-protocol.md', () => {
  it('lists every limit with its value', () => {
    expect(documentedLimits).toEqual(LIMITS);
  });

  it('shows an example of each request and answer', () => {
    expect(examples.map(([schema]) => schema)).toEqual(Object.keys(schemas));
  });

  it.each(examples)('shows a %s the protocol’s schema accepts', (schema, json) => {
    const parsed = schemas[schema]?.safeParse(JSON.parse(json));
    expect(parsed?.error?.issues).toBeUndefined();
    expect(parsed?.success).toBe(true);
  });
});
