import type { z } from 'zod';
import {
  type PullResponse,
  type PushRequest,
  type PushResponse,
  pullResponse,
  pushResponse,
  SYNC_PATHS,
} from '../../src/core/syncProtocol';

/** The server answered with an error status. 4xx means the request itself is wrong: retrying will not help. */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(`Sync server answered ${status}: ${message}`);
    this.status = status;
  }
}

export interface SyncTransport {
  fetch: typeof fetch;
  /** Where the sync endpoints live, e.g. `https://api.example.com` (default: this origin). */
  baseUrl: string;
}

async function call<T>(
  transport: SyncTransport,
  path: string,
  schema: z.ZodType<T>,
  init?: RequestInit,
): Promise<T> {
  const response = await transport.fetch(new URL(path, transport.baseUrl), init);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { message?: string } | null)?.message ?? response.statusText;
    throw new SyncHttpError(response.status, message);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new SyncHttpError(response.status, `malformed answer: ${parsed.error.message}`);
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
  return call(transport, `${SYNC_PATHS.pull}?after=${after}&limit=${limit}`, pullResponse);
}
