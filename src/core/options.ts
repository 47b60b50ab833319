import { z } from 'zod/mini';
import type { AnyProjection } from './domain';
import { ValidationError } from './errors';
import { expectedVersion } from './expectedVersion';
import { type Schema, safeParse } from './schemaParse';
import type { AppendOptions, ListQuery, ReadAllOptions, ReadStreamOptions } from './store';
import { fromZod, streamName } from './validation';

/** A position, version, offset or time: a whole number from 0. */
const count = z.number().check(z.int(), z.minimum(0));
/** How many to read: a page of nothing would never move on. */
const pageSize = z.number().check(z.int(), z.minimum(1));
/** What a view's index may hold: what `defineProjection` indexes return. */
const indexValue = z.union([z.string(), z.number()], {
  error: 'must be a string or a finite number',
});

const appendOptions = z.strictObject({ expectedVersion: z.optional(expectedVersion) });

const readStreamOptions = z.strictObject({
  from: z.optional(count),
  to: z.optional(count),
  direction: z.optional(z.enum(['forwards', 'backwards'])),
  limit: z.optional(pageSize),
});

const readAllOptions = z.strictObject({
  after: z.optional(count),
  limit: z.optional(pageSize),
  types: z.optional(z.array(z.string())),
  stream: z.optional(streamName),
  streamPrefix: z.optional(streamName),
  clientId: z.optional(z.string().check(z.minLength(1))),
  recordedFrom: z.optional(count),
  recordedTo: z.optional(count),
});

const exportOptions = z.strictObject({ after: z.optional(count), limit: z.optional(pageSize) });

const listQuery = z
  .strictObject({
    index: z.optional(z.string()),
    equals: z.optional(indexValue),
    from: z.optional(indexValue),
    to: z.optional(indexValue),
    limit: z.optional(count),
    offset: z.optional(count),
    reverse: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((query, context) => {
      for (const bound of ['equals', 'from', 'to'] as const) {
        if (query[bound] === undefined) continue;
        if (query.index === undefined) {
          context.addIssue({ code: 'custom', path: [bound], message: 'needs an index to look in' });
        } else if (bound !== 'equals' && query.equals !== undefined) {
          context.addIssue({ code: 'custom', path: [bound], message: 'cannot go with equals' });
        }
      }
    }),
  );

/**
 * A store call's options: undefined or null mean the defaults; anything else must be an object of
 * known fields with good values, or a ValidationError names the field.
 */
function parseOptions<T>(schema: Schema<T>, options: unknown): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValidationError({ field: 'options', reason: 'must be an object' });
  }
  const parsed = safeParse(schema, options);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

export const parseAppendOptions = (options: unknown): AppendOptions =>
  parseOptions(appendOptions, options);

export const parseReadStreamOptions = (options: unknown): ReadStreamOptions =>
  parseOptions(readStreamOptions, options);

export const parseReadAllOptions = (options: unknown): ReadAllOptions =>
  parseOptions(readAllOptions, options);

export const parseExportOptions = (options: unknown): { after?: number; limit?: number } =>
  parseOptions(exportOptions, options);

/** A list query, its index one that `projection` declares. */
export function parseListQuery(projection: AnyProjection, query: unknown): ListQuery {
  const parsed = parseOptions(listQuery, query);
  if (parsed.index !== undefined && !Object.hasOwn(projection.indexes ?? {}, parsed.index)) {
    throw new ValidationError({
      field: 'index',
      reason: `projection "${projection.name}" has no index "${parsed.index}"`,
    });
  }
  return parsed;
}
