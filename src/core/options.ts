import { z } from 'zod';
import type { AnyProjection } from './domain';
import { ValidationError } from './errors';
import { expectedVersion } from './expectedVersion';
import type { AppendOptions, ListQuery, ReadAllOptions, ReadStreamOptions } from './store';
import { fromZod, streamName } from './validation';

/** A position, version, offset or time: a whole number from 0. */
const count = z.number().int().min(0);
/** How many to read: a page of nothing would never move on. */
const pageSize = z.number().int().min(1);
/** What a view's index may hold: what `defineProjection` indexes return. */
const indexValue = z.union([z.string(), z.number()], {
  error: 'must be a string or a finite number',
});

const appendOptions = z.strictObject({ expectedVersion: expectedVersion.optional() });

const readStreamOptions = z.strictObject({
  from: count.optional(),
  to: count.optional(),
  direction: z.enum(['forwards', 'backwards']).optional(),
  limit: pageSize.optional(),
});

const readAllOptions = z.strictObject({
  after: count.optional(),
  limit: pageSize.optional(),
  types: z.array(z.string()).readonly().optional(),
  stream: streamName.optional(),
  clientId: z.string().min(1).optional(),
  recordedFrom: count.optional(),
  recordedTo: count.optional(),
});

const exportOptions = z.strictObject({ after: count.optional(), limit: pageSize.optional() });

const listQuery = z
  .strictObject({
    index: z.string().optional(),
    equals: indexValue.optional(),
    from: indexValue.optional(),
    to: indexValue.optional(),
    limit: count.optional(),
    offset: count.optional(),
    reverse: z.boolean().optional(),
  })
  .superRefine((query, context) => {
    for (const bound of ['equals', 'from', 'to'] as const) {
      if (query[bound] === undefined) continue;
      if (query.index === undefined) {
        context.addIssue({ code: 'custom', path: [bound], message: 'needs an index to look in' });
      } else if (bound !== 'equals' && query.equals !== undefined) {
        context.addIssue({ code: 'custom', path: [bound], message: 'cannot go with equals' });
      }
    }
  });

/**
 * A store call's options: undefined or null mean the defaults; anything else must be an object of
 * known fields with good values, or a ValidationError names the field.
 */
function parseOptions<T>(schema: z.ZodType<T>, options: unknown): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValidationError({ field: 'options', reason: 'must be an object' });
  }
  const parsed = schema.safeParse(options);
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
