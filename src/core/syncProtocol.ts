import { z } from 'zod/mini';
import { findJsonProblem, type Json } from './json';
import { LIMITS } from './limits';

/**
 * The sync protocol: JSON over HTTP between a device and the server. Documented in
 * docs/sync-protocol.md; every request and response is checked against these schemas.
 */
export const SYNC_PATHS = {
  push: '/api/sync/push',
  pull: '/api/sync/pull',
  /** Server-Sent Events: a `liveNotice` after each commit that moved the scope's head. */
  live: '/api/sync/live',
} as const;

/** The server's other paths: a token for local development, liveness and readiness. */
export const SERVER_PATHS = {
  devToken: '/api/dev/token',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;

/** A push body larger than this (UTF-8 bytes) is refused with 413. */
export const MAX_PUSH_BYTES = LIMITS.maxPushBytes;
/** A push with more events than this is refused with 413. */
export const MAX_PUSH_EVENTS = LIMITS.maxPushEvents;
export const MAX_PULL_LIMIT = LIMITS.maxPullLimit;

const id = z.string().check(z.minLength(1), z.maxLength(128));
const stream = z.string().check(z.minLength(1), z.maxLength(256));
const count = z.number().check(z.int(), z.minimum(0));

/**
 * A scope (a user's own space, a team, a shop): the unit of sync and of access. Every stream
 * belongs to one scope, fixed by its first event; each scope's log has positions of its own.
 */
export const scopeName = z
  .string()
  .check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9._:-]+$/));

/** The scope a device syncs when its options name none, and of events stored before scopes. */
export const DEFAULT_SCOPE = 'default';

export const wireMetadata = z.object({
  recordedAt: z.number(),
  clientId: id,
  commandId: z.nullable(id),
  correlationId: z.nullable(id),
  causationId: z.nullable(id),
  schemaVersion: z.number().check(z.int(), z.positive()),
});

/**
 * An event's data: JSON by the rule every event is held to (`findJsonProblem`), checked where it
 * lies rather than copied, as `z.json()` would (its walk is a second JSON rule, and 1 kB of a
 * device's bundle).
 */
const jsonData = z.custom<Json>().check(
  z.superRefine((value, context) => {
    const problem =
      value === undefined ? { path: '', reason: 'is missing' } : findJsonProblem(value, '');
    if (!problem) return;
    const at = problem.path.replace(/^\./, '');
    context.addIssue({ code: 'custom', message: at ? `${at} ${problem.reason}` : problem.reason });
  }),
);

/** An event as a device sends it: what it recorded, without its local position or version. */
export const wireEvent = z.object({
  id,
  type: z.string().check(z.minLength(1), z.maxLength(128)),
  data: jsonData,
  metadata: wireMetadata,
});

// The requests' schemas are for the server: their `.check()` calls (methods, so kept by a bundler
// unless marked pure) are marked, so that a device's bundle, which parses only answers, drops them.
export const pushRequest = z.object({
  /** The scope every stream of the push belongs to. */
  scope: scopeName,
  clientId: id,
  streams: /* @__PURE__ */ z
    .array(
      z.object({
        stream,
        /** The stream's version on the server that these events were written on top of. */
        baseVersion: count,
        events: z.array(wireEvent).check(z.minLength(1)),
        /**
         * Batches with the same group are accepted together or not at all: one command's events
         * in several streams. A batch without a group stands alone.
         */
        group: z.optional(count),
      }),
    )
    .check(z.minLength(1)),
});

export const acceptedStream = z.object({
  stream,
  status: z.literal('accepted'),
  /** Each event's version in its stream and position in its scope's log. */
  events: z.array(z.object({ id, version: count, position: count })),
});

export const conflictedStream = z.object({
  stream,
  status: z.literal('conflict'),
  /** The stream's version on the server: the device must pull and rebase on it. */
  serverVersion: count,
});

/** Why the server refused one event for its content (its shape, size or the domain's schema). */
export const refusedEvent = z.object({
  id,
  /** The error's name, e.g. `ValidationError`. */
  error: z.string(),
  reason: z.string(),
  field: z.optional(z.string()),
});

/**
 * The server refused the batch because of what some of its events contain: nothing of it is
 * stored. `events` names the refused events and why; it is empty when the batch was held back
 * only because another batch of its group was refused. The device rejects the commands that
 * recorded the refused events (their events leave its log), and pushes the rest again.
 */
export const refusedStream = z.object({
  stream,
  status: z.literal('refused'),
  events: z.array(refusedEvent),
});

// A plain union: each status is a literal, so the same results parse as with zod's
// discriminated union, which a device’s bundle then leaves out (2 kB minified).
export const pushResponse = z.object({
  results: z.array(z.union([acceptedStream, conflictedStream, refusedStream])),
});

export const pullRequest = z.object({
  scope: scopeName,
  /** A position in the scope's log: the pull returns the events after it. */
  after: /* @__PURE__ */ z.coerce.number().check(z.int(), z.minimum(0)),
  limit: /* @__PURE__ */ z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_PULL_LIMIT)),
});

/** An event as the server stores it: with its stream version and its position in its scope. */
export const serverEvent = z.extend(wireEvent, { stream, version: count, position: count });

export const pullResponse = z.object({
  events: z.array(serverEvent),
  /** Pass as `after` in the next pull. */
  nextCursor: count,
  hasMore: z.boolean(),
});

/**
 * What a live stream (`SYNC_PATHS.live`) sends as the `data:` of each `head` event, whose `id:`
 * is the head: the scope's newest position. A device pulls when it is past its cursor.
 */
export const liveNotice = z.object({ scope: scopeName, head: count });

/**
 * The body of every 4xx and 5xx answer. `error` names the problem: `ValidationError` (400),
 * `Unauthorized` (401), `Forbidden` (403), `NotFound` (404), `MethodNotAllowed` (405),
 * `PayloadTooLarge` (413), `TooManyRequests` (429, with a `Retry-After` header in seconds),
 * `InternalError` (500), `StorageUnavailable` (503).
 */
export const errorResponse = z.object({
  error: z.string(),
  message: z.string(),
  field: z.optional(z.string()),
});

export type WireEvent = z.infer<typeof wireEvent>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type RefusedEvent = z.infer<typeof refusedEvent>;
export type PullRequest = z.infer<typeof pullRequest>;
export type ServerEvent = z.infer<typeof serverEvent>;
export type PullResponse = z.infer<typeof pullResponse>;
export type ErrorResponse = z.infer<typeof errorResponse>;
export type LiveNotice = z.infer<typeof liveNotice>;
