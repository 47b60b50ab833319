import { z } from 'zod/mini';
import type { $ZodError } from 'zod/v4/core';
import type { Command } from './commands';
import { type AnyAggregate, type Domain, eventSchemasOf } from './domain';
import { messageOf, ValidationError } from './errors';
import type { NewEvent } from './events';
import type { Json } from './json';
import { findJsonProblem, jsonBytesOver } from './json';
import { LIMITS } from './limits';
import { assertFitsOnePush, type RecordingContext } from './onePush';
import { type Schema, safeParse } from './schemaParse';
import { type Upcasters, upcast } from './upcasting';

const MAX_ID_LENGTH = LIMITS.maxIdLength;
const MAX_STREAM_LENGTH = LIMITS.maxStreamLength;

const id = z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH));
const nullableId = z.optional(z.nullable(id));

/** An event's envelope; its type and data are held to `findEventProblem`. */
const newEventShape = z.strictObject({
  type: z.unknown(),
  data: z.unknown(),
  id: z.optional(id),
  metadata: z.optional(
    z.strictObject({
      correlationId: nullableId,
      causationId: nullableId,
      schemaVersion: z.optional(z.number().check(z.int(), z.positive())),
    }),
  ),
});

const commandShape = z.strictObject({
  type: z.string().check(z.minLength(1)),
  data: z.unknown(),
  id: z.optional(id),
  metadata: z.optional(
    z.strictObject({ correlationId: z.optional(id), causationId: z.optional(id) }),
  ),
});

/** Turns the first zod issue into a ValidationError naming the field, under `prefix`. */
export function fromZod(error: $ZodError, prefix = ''): ValidationError {
  const issue = error.issues[0];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...(issue?.path ?? []), ...(unknownKey === undefined ? [] : [unknownKey])];
  return new ValidationError({
    field: fieldPath(prefix, path),
    reason: unknownKey === undefined ? (issue?.message ?? 'is invalid') : 'is not a known field',
  });
}

function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
  return `${prefix}${parts.join('')}`.replace(/^\./, '');
}

/**
 * Parses an envelope (an event, a command) with its strict schema, and refuses symbol keys on it
 * and on its metadata: zod does not see them, and a copy or the worker boundary drops them.
 */
function parseEnvelope<T>(schema: Schema<T>, value: unknown, field: string): T {
  const parsed = safeParse(schema, value);
  if (!parsed.success) throw fromZod(parsed.error, field);
  const envelope = value as { metadata?: object };
  for (const [object, at] of [
    [envelope, field],
    [envelope.metadata, fieldPath(field, ['metadata'])],
  ] as const) {
    const symbol = object === undefined ? undefined : Object.getOwnPropertySymbols(object)[0];
    if (symbol !== undefined) {
      throw new ValidationError({
        field: `${at}[${String(symbol)}]`,
        reason: 'is a symbol key, which is not JSON data',
      });
    }
  }
  return parsed.data;
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
  schemas?: ReadonlyMap<string, Schema<Json>>;
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
  const size = jsonBytesOver(data as Json, maxBytes);
  if (size !== undefined) {
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
      const reason = messageOf(error);
      return new ValidationError({ field: `${field}.data`, reason: `cannot be upcast: ${reason}` });
    }
  }
  const parsed = safeParse(schema, current);
  return parsed.success ? undefined : fromZod(parsed.error, `${field}.data`);
}

/** A stream's name: text that is not only spaces, of at most `LIMITS.maxStreamLength` characters. */
export const streamName = z.string({ error: 'must be a non-empty string' }).check(
  z.refine((stream) => stream.trim() !== '', 'must be a non-empty string'),
  z.maxLength(MAX_STREAM_LENGTH, `must be at most ${MAX_STREAM_LENGTH} characters`),
);

/** Whether `stream` is a valid stream name (`validateStreamName` says why not). */
export const isStreamName = (stream: unknown): stream is string =>
  safeParse(streamName, stream).success;

export function validateStreamName(stream: unknown, field = 'stream'): asserts stream is string {
  const parsed = safeParse(streamName, stream);
  if (!parsed.success) throw fromZod(parsed.error, field);
}

/** The store's `maxEventBytes` option: it may only lower the shared limit, which the server keeps. */
export function validateMaxEventBytes(value: unknown): number {
  if (value === undefined) return LIMITS.maxEventBytes;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 1 ||
    value > LIMITS.maxEventBytes
  ) {
    throw new ValidationError({
      field: 'maxEventBytes',
      reason: `must be a whole number from 1 to ${LIMITS.maxEventBytes}: the server refuses larger events`,
    });
  }
  return value;
}

const schemasByDomain = new WeakMap<Pick<Domain, 'aggregates'>, EventRules['schemas']>();

/** The rules a store holds new events to: its domain's event schemas and upcasters, its size limit. */
export function eventRulesOf(
  domain: Pick<Domain, 'aggregates' | 'upcasters'>,
  maxEventBytes: number = LIMITS.maxEventBytes,
): EventRules {
  let schemas = schemasByDomain.get(domain);
  if (!schemas) {
    schemas = eventSchemasOf(domain);
    schemasByDomain.set(domain, schemas);
  }
  return { maxEventBytes, schemas, upcasters: domain.upcasters };
}

/**
 * Checks events for one write: a non-empty array of at most `LIMITS.maxPushEvents` (a write is
 * pushed whole), each with a strict envelope and held to `findEventProblem`, no id twice.
 */
export function validateNewEvents(
  events: unknown,
  rules: EventRules = {},
): asserts events is NewEvent[] {
  assertEventList(events);
  if (events.length > LIMITS.maxPushEvents) {
    throw new ValidationError({
      field: 'events',
      reason: `records ${events.length} events, over the limit of ${LIMITS.maxPushEvents} in one push`,
    });
  }
  const ids = events.flatMap((event, index) => {
    const field = `events[${index}]`;
    const envelope = isBareEnvelope(event) ? event : parseEnvelope(newEventShape, event, field);
    const problem = findEventProblem(envelope, field, rules);
    if (problem) throw problem;
    return envelope.id ?? [];
  });
  if (new Set(ids).size !== ids.length) {
    throw new ValidationError({ field: 'events', reason: 'contains the same id twice' });
  }
}

/**
 * Fast path: a plain object with no keys (own or inherited, symbols included) but `type` and
 * `data`, as most events are, has nothing for its strict envelope schema to check: both are
 * `z.unknown()` there, held to `findEventProblem` instead, so parsing it would only copy it.
 */
function isBareEnvelope(event: unknown): event is NewEvent {
  if (typeof event !== 'object' || event === null) return false;
  const prototype = Object.getPrototypeOf(event);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Reflect.ownKeys(event).every((key) => key === 'type' || key === 'data');
}

function assertEventList(events: unknown): asserts events is unknown[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError({ field: 'events', reason: 'must be a non-empty array' });
  }
}

/**
 * Checks what one append or one command (all its streams, policies included) is about to record,
 * under the store's rules, as one write: fields name the events in the order they are recorded
 * (`events[3]`), and together they must fit in one push.
 */
export function validateAppends(
  appends: readonly { stream: string; events: unknown }[],
  recording: RecordingContext & {
    domain: Pick<Domain, 'aggregates' | 'upcasters'>;
    maxEventBytes: number;
  },
): asserts appends is readonly { stream: string; events: NewEvent[] }[] {
  for (const { events } of appends) assertEventList(events);
  const events = appends.flatMap(({ events }) => events as unknown[]);
  validateNewEvents(events, eventRulesOf(recording.domain, recording.maxEventBytes));
  assertFitsOnePush(appends as readonly { stream: string; events: NewEvent[] }[], {
    ...recording,
    upcasters: recording.domain.upcasters,
  });
}

/**
 * Checks a command's envelope (strict: an unknown field is named, not stored) and that its data is
 * plain JSON: what can be checked without the domain, as the main thread does before the worker.
 */
export function validateCommandEnvelope(command: unknown): Command {
  const envelope = parseEnvelope(commandShape, command, '');
  assertJson(envelope.data, 'data');
  return envelope as Command;
}

/**
 * Checks a command's envelope and its data against its aggregate's schema. Returns the aggregate
 * and the command with its data as the schema parsed it (unknown keys dropped).
 */
export function validateCommand(
  domain: Domain,
  command: unknown,
): { aggregate: AnyAggregate; command: Command } {
  const envelope = validateCommandEnvelope(command);
  const aggregate = aggregateFor(domain, envelope.type);
  const data = safeParse(aggregate.commands[envelope.type] as Schema<Json>, envelope.data);
  if (!data.success) throw fromZod(data.error, 'data');
  return { aggregate, command: { ...envelope, data: data.data } };
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
