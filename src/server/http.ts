import { isLogbookError } from '../core/errors';
import { jsonTextDepth } from '../core/json';
import { LIMITS } from '../core/limits';
import { type Schema, safeParse } from '../core/schemaParse';
import {
  type ErrorResponse,
  MAX_PUSH_BYTES,
  MAX_PUSH_EVENTS,
  pullRequest,
  SYNC_PATHS,
} from '../core/syncProtocol';
import { fromZod } from '../core/validation';
import { pushAsSent } from './pushAsSent';
import type { Caller, SyncServer } from './syncServer';

export interface HttpRequest {
  method: string;
  url: string;
  bodyText: string;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

/** How deep a push nests around an event's data: body, streams, batch, events, event. */
const PUSH_ENVELOPE_DEPTH = 5;
const MAX_PUSH_DEPTH = PUSH_ENVELOPE_DEPTH + LIMITS.maxJsonDepth;

const answer = (status: number, body: unknown): HttpResponse => ({ status, body });
const refuse = (status: number, error: string, message: string, field?: string): HttpResponse =>
  answer(status, { error, message, ...(field ? { field } : {}) } satisfies ErrorResponse);

/** Reads a request against a schema; a ValidationError names the first bad field. */
function parse<T>(schema: Schema<T>, value: unknown): T {
  const parsed = safeParse(schema, value);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/**
 * The sync server over HTTP, framework-neutral: routes, parses and checks the request, enforces
 * the limits, and answers with a status and a JSON body. A bad request never reaches storage.
 * Every answer other than 200 is `{ error, message, field? }`; an unexpected failure is logged
 * here and answered 500 without its details, which are for the server's operators.
 */
export async function handleSyncHttp(
  server: SyncServer,
  request: HttpRequest,
  caller: Caller = { sub: 'anyone' },
): Promise<HttpResponse> {
  const { pathname, searchParams } = new URL(request.url, 'http://localhost');
  const expected =
    pathname === SYNC_PATHS.push ? 'POST' : pathname === SYNC_PATHS.pull ? 'GET' : null;
  if (!expected) return refuse(404, 'NotFound', `No sync endpoint at ${pathname}`);
  if (request.method.toUpperCase() !== expected) {
    return refuse(405, 'MethodNotAllowed', `${pathname} takes ${expected}`);
  }
  try {
    if (expected === 'GET') {
      return answer(200, await server.pull(parse(pullRequest, Object.fromEntries(searchParams))));
    }
    return await handlePush(server, request.bodyText, caller);
  } catch (error) {
    if (isLogbookError(error, 'ValidationError'))
      return refuse(400, 'ValidationError', error.message, error.field);
    if (isLogbookError(error, 'ForbiddenError')) return refuse(403, 'Forbidden', error.message);
    console.error('The sync server failed on a request:', error);
    return refuse(500, 'InternalError', 'The sync server failed to handle the request');
  }
}

async function handlePush(
  server: SyncServer,
  bodyText: string,
  caller: Caller,
): Promise<HttpResponse> {
  const bytes = new TextEncoder().encode(bodyText).byteLength;
  if (bytes > MAX_PUSH_BYTES) {
    return refuse(
      413,
      'PayloadTooLarge',
      `A push may be at most ${MAX_PUSH_BYTES} bytes; this one is ${bytes}`,
    );
  }
  // Measured before parsing: checking a deeper body, even parsing it, could overflow the stack.
  const depth = jsonTextDepth(bodyText);
  if (depth > MAX_PUSH_DEPTH) {
    return refuse(
      400,
      'ValidationError',
      `A push may nest at most ${MAX_PUSH_DEPTH} levels (event data ${LIMITS.maxJsonDepth}); this one nests ${depth}`,
      'body',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return refuse(400, 'ValidationError', 'The body is not valid JSON', 'body');
  }
  const push = parse(pushAsSent, body);
  const events = push.streams.reduce((sum, batch) => sum + batch.events.length, 0);
  if (events > MAX_PUSH_EVENTS) {
    return refuse(
      413,
      'PayloadTooLarge',
      `A push may carry at most ${MAX_PUSH_EVENTS} events; this one has ${events}`,
    );
  }
  return answer(200, await server.push(push, caller));
}
