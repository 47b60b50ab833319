import { z } from 'zod';
import type { Command } from './commands';
import type { AnyAggregate, Domain } from './domain';
import { ValidationError } from './errors';
import type { NewEvent } from './events';
import type { Json } from './json';
import { findJsonProblem, jsonByteLength } from './json';
import { LIMITS } from './limits';
import { type Upcasters, upcast } from './upcasting';

export const DEFAULT_MAX_EVENT_BYTES = LIMITS.maxEventBytes;
const MAX_ID_LENGTH = LIMITS.maxIdLength;
const MAX_STREAM_LENGTH = LIMITS.maxStreamLength;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const nullableId = id.nullable().optional();

const newEventShape = z.object({
  type: z.string().min(1),
  data: z.unknown(),
  id: id.optional(),
  metadata: z
    .object({
      correlationId: nullableId,
      causationId: nullableId,
      schemaVersion: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
});

const commandShape = z.object({
  type: z.string().min(1),
  data: z.unknown(),
  id: id.optional(),
  metadata: z
    .object({ correlationId: id.optional(), causationId: id.optional() })
    .strict()
    .optional(),
});

/** Turns the first zod issue into a ValidationError naming the field, under `prefix`. */
export function fromZod(error: z.ZodError, prefix = ''): ValidationError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((part) =>
    typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
  );
  return new ValidationError({
    field: `${prefix}${path.join('')}`.replace(/^\./, ''),
    reason: issue?.message ?? 'is invalid',
  });
}

/** Throws a ValidationError naming the first place where `value` is not plain JSON data. */
export function assertJson(value: unknown, field: string): asserts value is Json {
  if (value === undefined) throw new ValidationError({ field, reason: 'is missing' });
  const problem = findJsonProblem(value, field);
  if (problem) throw new ValidationError({ field: problem.path, reason: problem.reason });
}

/**
 * What every event is checked against, wherever it comes from: a local append or command, an
 * import, a push the server receives. One rule on every path, so nothing a device recorded is
 * refused later.
 */
export interface EventRules {
  /** Default `LIMITS.maxEventBytes`. */
  maxEventBytes?: number;
  /**
   * The domain's event schemas by type (`eventSchemasOf(domain)`), for the current schema version.
   * When there are any, an event of a type without one is refused too.
   */
  schemas?: ReadonlyMap<string, z.ZodType<Json>>;
  /** To check events written at an older schema version in their current shape. */
  upcasters?: Upcasters;
}

/**
 * The first problem with an event's type and data under `rules`, as a ValidationError naming the
 * field under `field` (e.g. `events[2]`), or undefined when the event is fine. Does not throw, so
 * a server can refuse bad events one by one.
 */
export function findEventProblem(
  event: { type: unknown; data: unknown; metadata?: { schemaVersion?: unknown } },
  field: string,
  rules: EventRules = {},
): ValidationError | undefined {
  const { type, data } = event;
  if (typeof type !== 'string' || type.length === 0 || type.length > LIMITS.maxTypeLength) {
    return new ValidationError({
      field: `${field}.type`,
      reason: `must be a string of 1 to ${LIMITS.maxTypeLength} characters`,
    });
  }
  if (data === undefined)
    return new ValidationError({ field: `${field}.data`, reason: 'is missing' });
  const problem = findJsonProblem(data, `${field}.data`);
  if (problem) return new ValidationError({ field: problem.path, reason: problem.reason });
  const maxBytes = rules.maxEventBytes ?? LIMITS.maxEventBytes;
  const size = jsonByteLength(data as Json);
  if (size > maxBytes) {
    return new ValidationError({
      field: `${field}.data`,
      reason: `is ${size} bytes, over the limit of ${maxBytes}`,
    });
  }
  return schemaProblem({ type, data: data as Json, metadata: event.metadata }, field, rules);
}

function schemaProblem(
  event: { type: string; data: Json; metadata?: { schemaVersion?: unknown } },
  field: string,
  { schemas, upcasters }: EventRules,
): ValidationError | undefined {
  if (!schemas || schemas.size === 0) return undefined;
  const schema = schemas.get(event.type);
  if (!schema) {
    return new ValidationError({
      field: `${field}.type`,
      reason: `"${event.type}" is not an event type of this domain`,
    });
  }
  const schemaVersion = event.metadata?.schemaVersion;
  let current = event.data;
  if (typeof schemaVersion === 'number') {
    try {
      current = upcast({ ...event, metadata: { schemaVersion } }, upcasters).data;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return new ValidationError({ field: `${field}.data`, reason: `cannot be upcast: ${reason}` });
    }
  }
  const parsed = schema.safeParse(current);
  return parsed.success ? undefined : fromZod(parsed.error, `${field}.data`);
}

export function validateStreamName(stream: unknown, field = 'stream'): asserts stream is string {
  if (typeof stream !== 'string' || stream.trim() === '') {
    throw new ValidationError({ field, reason: 'must be a non-empty string' });
  }
  if (stream.length > MAX_STREAM_LENGTH) {
    throw new ValidationError({ field, reason: `must be at most ${MAX_STREAM_LENGTH} characters` });
  }
}

export function validateNewEvents(
  events: unknown,
  maxEventBytes: number,
): asserts events is NewEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError({ field: 'events', reason: 'must be a non-empty array' });
  }
  events.forEach((event, index) => {
    const field = `events[${index}]`;
    const parsed = newEventShape.safeParse(event);
    if (!parsed.success) throw fromZod(parsed.error, field);
    assertJson((event as NewEvent).data, `${field}.data`);
    const size = jsonByteLength((event as NewEvent).data);
    if (size > maxEventBytes) {
      throw new ValidationError({
        field: `${field}.data`,
        reason: `is ${size} bytes, over the limit of ${maxEventBytes}`,
      });
    }
  });
  const ids = events.map((event: NewEvent) => event.id).filter((eventId) => eventId !== undefined);
  if (new Set(ids).size !== ids.length) {
    throw new ValidationError({ field: 'events', reason: 'contains the same id twice' });
  }
}

/**
 * Checks a command's envelope and its data against its aggregate's schema. Returns the aggregate
 * and the command with its data as the schema parsed it (unknown keys dropped).
 */
export function validateCommand(
  domain: Domain,
  command: unknown,
): { aggregate: AnyAggregate; command: Command } {
  const parsed = commandShape.safeParse(command);
  if (!parsed.success) throw fromZod(parsed.error, '');
  const aggregate = aggregateFor(domain, parsed.data.type);
  assertJson(parsed.data.data, 'data');
  const data = (aggregate.commands[parsed.data.type] as z.ZodType<Json>).safeParse(
    parsed.data.data,
  );
  if (!data.success) throw fromZod(data.error, 'data');
  return { aggregate, command: { ...(command as Command), data: data.data } };
}

export function aggregateFor(domain: Domain, commandType: string): AnyAggregate {
  const aggregate = domain.aggregates.find((candidate) =>
    Object.hasOwn(candidate.commands, commandType),
  );
  if (!aggregate) {
    throw new ValidationError({ field: 'type', reason: `unknown command type "${commandType}"` });
  }
  return aggregate;
}
