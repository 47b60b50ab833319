import { v4 as uuidv4 } from 'uuid';
import type {
  PullResponse,
  PushRequest,
  ServerEvent,
  WireEvent,
} from '../../../../src/core/syncProtocol';

/** A well-formed `ItemAdded` of the demo's domain (its schema version 2), recorded by `clientId`. */
export function itemAdded(clientId: string, cartId: string, quantity = 1): WireEvent {
  return {
    id: uuidv4(),
    type: 'ItemAdded',
    data: {
      cartId,
      productId: 'tea',
      name: 'Tea',
      price: { amount: 350, currency: 'EUR' },
      quantity,
    },
    metadata: {
      recordedAt: Date.now(),
      clientId,
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 2,
    },
  };
}

/** One batch on `stream` at `baseVersion`, as a device pushes it. */
export const pushOf = (
  scope: string,
  clientId: string,
  stream: string,
  baseVersion: number,
  events: WireEvent[],
): PushRequest => ({ scope, clientId, streams: [{ stream, baseVersion, events }] });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function postPush(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Every event of `scope` after `after`, page by page. */
export async function pullAll(
  url: string,
  token: string,
  scope: string,
  after = 0,
): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  for (let cursor = after, hasMore = true; hasMore; ) {
    const response = await fetch(
      `${url}/api/sync/pull?scope=${encodeURIComponent(scope)}&after=${cursor}&limit=500`,
      { headers: bearer(token) },
    );
    if (!response.ok) throw new Error(`Pull failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as PullResponse;
    events.push(...page.events);
    cursor = page.nextCursor;
    hasMore = page.hasMore;
  }
  return events;
}
