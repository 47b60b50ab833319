import { messageOf, SyncHttpError, SyncNetworkError } from '../../src/core/errors';
import { type Schema, safeParse } from '../../src/core/schemaParse';
import {
  errorResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  pullResponse,
  pushResponse,
  SYNC_PATHS,
} from '../../src/core/syncProtocol';
import type { TokenSource } from './tokenSource';

export interface SyncTransport {
  fetch: typeof fetch;
  /** Where the sync endpoints live, e.g. `https://api.example.com`. */
  url: string;
  /** The scope this transport syncs: its pushes write it, its pulls read it. */
  scope: string;
  /** The tokens sent as `Authorization: Bearer <token>`; none without. */
  tokens?: TokenSource;
}

/**
 * Sends a request to the sync server. Only the fetch itself can fail for want of a network: its
 * rejection becomes a `SyncNetworkError`, so that an exception anywhere else (a bug) is never
 * mistaken for being offline.
 */
async function sendWith(
  transport: SyncTransport,
  path: string,
  init: RequestInit | undefined,
  token: string | undefined,
): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  return transport
    .fetch(new URL(path, transport.url), { ...init, headers })
    .catch((error: unknown) => {
      throw new SyncNetworkError({
        reason: messageOf(error),
      });
    });
}

/**
 * Sends a request with the current token; a 401 asks for a new token and sends it once more
 * with it. An error status becomes a `SyncHttpError` with the server's words.
 */
async function send(transport: SyncTransport, path: string, init?: RequestInit): Promise<Response> {
  const { tokens } = transport;
  const token = await tokens?.current();
  let response = await sendWith(transport, path, init, token);
  if (response.status === 401 && tokens && token !== undefined) {
    const renewed = await tokens.renew(token);
    if (renewed !== token) response = await sendWith(transport, path, init, renewed);
  }
  if (!response.ok) {
    const refusal = safeParse(errorResponse, await response.json().catch(() => null));
    throw new SyncHttpError({
      status: response.status,
      ...(refusal.success
        ? { error: refusal.data.error, reason: refusal.data.message, field: refusal.data.field }
        : { error: 'HttpError', reason: response.statusText || 'no explanation given' }),
    });
  }
  return response;
}

/** One request answered by a JSON body of `schema`. */
async function call<T>(
  transport: SyncTransport,
  path: string,
  schema: Schema<T>,
  init?: RequestInit,
): Promise<T> {
  const response = await send(transport, path, init);
  const parsed = safeParse(schema, await response.json().catch(() => null));
  if (!parsed.success) {
    throw new SyncHttpError({
      status: response.status,
      error: 'MalformedResponse',
      reason: parsed.error.message,
    });
  }
  return parsed.data;
}

export function pushToServer(
  transport: SyncTransport,
  request: PushRequest,
): Promise<PushResponse> {
  return call(transport, SYNC_PATHS.push, pushResponse, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

export function pullFromServer(
  transport: SyncTransport,
  after: number,
  limit: number,
): Promise<PullResponse> {
  const query = new URLSearchParams({
    scope: transport.scope,
    after: String(after),
    limit: String(limit),
  });
  return call(transport, `${SYNC_PATHS.pull}?${query}`, pullResponse);
}

/**
 * Opens the scope's live stream (Server-Sent Events); its body is read by the caller until it
 * ends or `signal` aborts. `lastEventId` is the last head this device heard, so the server sends
 * the head on connect only if it has moved since.
 */
export function openLiveStream(
  transport: SyncTransport,
  lastEventId: string | null,
  signal: AbortSignal,
): Promise<Response> {
  const query = new URLSearchParams({ scope: transport.scope });
  return send(transport, `${SYNC_PATHS.live}?${query}`, {
    headers: {
      accept: 'text/event-stream',
      ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }),
    },
    signal,
  });
}
