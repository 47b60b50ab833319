import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { LIMITS } from '../../../src/core/limits';
import {
  errorResponse,
  MAX_PUSH_BYTES,
  MAX_PUSH_EVENTS,
  pushResponse,
} from '../../../src/core/syncProtocol';
import { shopDomain } from '../../../src/demo/domain/shop';
import { createSyncHandlers } from '../../../src/mocks/handlers';
import { createMockFetch } from '../../../src/mocks/mockFetch';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { createSyncServer, syncServerOptionsOf } from '../../../src/server/syncServer';
import { itemAdded, push, SCOPE, wireEvent } from './wire';

const mock = setupMockSyncServer(syncServerOptionsOf(shopDomain));
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

const URL_BASE = 'http://sync.test';
const post = (body: string, send: typeof fetch = fetch) =>
  send(`${URL_BASE}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
const stored = async () => (await mock.storage.readAfter(SCOPE, 0, 100_000)).length;

/** Every error body is `{ error, message, field? }`, and nothing else: never a stack. */
async function errorBody(response: Response) {
  const text = await response.text();
  expect(text).not.toMatch(/stack|node_modules|\.ts:\d/);
  return z.strictObject(errorResponse.shape).parse(JSON.parse(text));
}

describe('the sync server over HTTP (MSW)', () => {
  it('answers a good push and pull with 200', async () => {
    const response = await post(
      JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] })),
    );
    expect(response.status).toBe(200);
    const pull = await fetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=0&limit=10`);
    expect(pull.status).toBe(200);
    expect((await pull.json()).events).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"clientId": "a", "streams": [', 'body'],
    ['a missing clientId', JSON.stringify({ scope: SCOPE, streams: [] }), 'clientId'],
    ['a missing scope', JSON.stringify({ ...push(), scope: undefined }), 'scope'],
    ['a scope name with a slash', JSON.stringify({ ...push(), scope: 'shop/1' }), 'scope'],
    [
      'an empty stream name',
      JSON.stringify(push({ stream: '', baseVersion: 0, events: [itemAdded()] })),
      'streams[0].stream',
    ],
    [
      'a negative base version',
      JSON.stringify(push({ stream: 'a', baseVersion: -1, events: [itemAdded()] })),
      'streams[0].baseVersion',
    ],
    [
      'a batch without events',
      JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [] })),
      'streams[0].events',
    ],
    [
      'the same stream twice',
      JSON.stringify(
        push(
          { stream: 'cart-1', baseVersion: 0, events: [itemAdded()] },
          { stream: 'cart-1', baseVersion: 0, events: [itemAdded()] },
        ),
      ),
      'streams[1].stream',
    ],
  ])('answers %s with 400 naming the problem, and stores nothing', async (_, body, field) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toEqual({
      error: 'ValidationError',
      field,
      message: expect.any(String),
    });
    expect(await stored()).toBe(0);
  });

  it('refuses events the domain cannot apply one by one, and accepts the rest of the push', async () => {
    const good = itemAdded('cart-2');
    const bad = [
      wireEvent({}, 'ItemAdded'),
      wireEvent({}, 'NoSuchEvent'),
      wireEvent({}, 'toString'),
      wireEvent({}, 'x'.repeat(LIMITS.maxTypeLength + 1)),
      wireEvent({}, ''),
    ];
    const response = await post(
      JSON.stringify(
        push(
          { stream: 'cart-1', baseVersion: 0, events: bad },
          { stream: 'cart-2', baseVersion: 0, events: [good] },
        ),
      ),
    );
    expect(response.status).toBe(200);
    const { results } = pushResponse.parse(await response.json());
    expect(results).toEqual([
      {
        stream: 'cart-1',
        status: 'refused',
        events: bad.map((event, i) => ({
          id: event.id,
          error: 'ValidationError',
          reason: expect.any(String),
          field: i === 0 ? 'streams[0].events[0].data.cartId' : `streams[0].events[${i}].type`,
        })),
      },
      { stream: 'cart-2', status: 'accepted', events: [{ id: good.id, version: 1, position: 1 }] },
    ]);
    expect(await stored()).toBe(1);
  });

  it('refuses own __proto__ keys in event data, rather than dropping them', async () => {
    const event = itemAdded();
    const body = JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [event] }));
    const response = await post(
      body.replace('"quantity":', '"__proto__":{"admin":true},"quantity":'),
    );
    expect(await response.json()).toEqual({
      results: [
        {
          stream: 'cart-1',
          status: 'refused',
          events: [expect.objectContaining({ field: 'streams[0].events[0].data.__proto__' })],
        },
      ],
    });
    expect(await stored()).toBe(0);
  });

  it('answers JSON nested too deep with 400 before parsing it, and data at the limit with 200', async () => {
    const body = (data: string) =>
      JSON.stringify(
        push({ stream: 'cart-1', baseVersion: 0, events: [{ ...itemAdded(), data: 'DATA' }] }),
      ).replace('"DATA"', data);
    const deep = body('['.repeat(5000) + ']'.repeat(5000));
    expect(deep.length).toBeLessThan(11_000);
    const response = await post(deep);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ error: 'ValidationError', field: 'body' });
    expect(await stored()).toBe(0);

    const data = itemAdded().data as object;
    const atLimit = JSON.stringify({ ...data, deep: 'DEEP' }).replace(
      '"DEEP"',
      '['.repeat(LIMITS.maxJsonDepth - 1) + ']'.repeat(LIMITS.maxJsonDepth - 1),
    );
    const accepted = await post(body(atLimit));
    expect(await accepted.json()).toMatchObject({ results: [{ status: 'accepted' }] });
  });

  it('acknowledges a retry whose data has a constructor key as the original', async () => {
    const event = { ...itemAdded(), data: { ...(itemAdded().data as object), constructor: {} } };
    const body = JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [event] }));
    const original = await (await post(body)).json();
    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(original);
    expect(await stored()).toBe(1);
  });

  it('answers an unexpected failure with 500 and a plain message, and logs the error', async () => {
    const failure = new Error('disk on fire');
    const broken = createSyncServer({
      ...memoryStorage(),
      exclusive: () => Promise.reject(failure),
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const send = createMockFetch(createSyncHandlers(broken));
      const response = await post(
        JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] })),
        send,
      );
      expect(response.status).toBe(500);
      const body = await errorBody(response);
      expect(body).toEqual({ error: 'InternalError', message: expect.any(String) });
      expect(body.message).not.toContain('disk on fire');
      expect(log).toHaveBeenCalledWith(expect.any(String), failure);
    } finally {
      log.mockRestore();
    }
  });

  it('answers a pull without a scope with 400 naming it', async () => {
    const response = await fetch(`${URL_BASE}/api/sync/pull?after=0&limit=10`);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ error: 'ValidationError', field: 'scope' });
  });

  it('answers a bad pull cursor with 400', async () => {
    const response = await fetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=-3&limit=10`);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ field: 'after' });
  });

  it('answers an oversized body with 413, and stores nothing', async () => {
    const big = wireEvent({ blob: 'x'.repeat(MAX_PUSH_BYTES) });
    const response = await post(
      JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [big] })),
    );
    expect(response.status).toBe(413);
    expect(await errorBody(response)).toMatchObject({ error: 'PayloadTooLarge' });
    expect(await stored()).toBe(0);
  });

  it('answers a push with too many events with 413, and stores nothing', async () => {
    const events = Array.from({ length: MAX_PUSH_EVENTS + 1 }, () => itemAdded());
    const response = await post(JSON.stringify(push({ stream: 'a', baseVersion: 0, events })));
    expect(response.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const wrongMethod = await fetch(`${URL_BASE}/api/sync/pull`, { method: 'POST', body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect(await errorBody(wrongMethod)).toMatchObject({ error: 'MethodNotAllowed' });
    expect((await fetch(`${URL_BASE}/api/sync/push`)).status).toBe(405);
  });

  it('simulates faults: offline and failures store nothing; a dropped answer was stored', async () => {
    const body = JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] }));
    mock.faults.offline = true;
    await expect(post(body)).rejects.toThrow(TypeError);
    Object.assign(mock.faults, { offline: false, failureRate: 1 });
    const failed = await post(body);
    expect(failed.status).toBe(500);
    expect(await errorBody(failed)).toMatchObject({ error: 'ServerError' });
    expect(await stored()).toBe(0);
    Object.assign(mock.faults, { failureRate: 0, dropResponseRate: 1 });
    await expect(post(body)).rejects.toThrow(TypeError);
    expect(await stored()).toBe(1);
    mock.faults.dropResponseRate = 0;
    expect((await post(body)).status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it('serves the same handlers through a plain fetch function, for the app’s worker', async () => {
    const faults = { ...mock.faults, offline: false };
    const mockFetch = createMockFetch(createSyncHandlers(mock.syncServer, faults));
    const response = await mockFetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=0&limit=5`);
    expect(await response.json()).toEqual({ events: [], nextCursor: 0, hasMore: false });
    expect((await mockFetch(`${URL_BASE}/elsewhere`)).status).toBe(404);
    faults.offline = true;
    await expect(
      mockFetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=0&limit=5`),
    ).rejects.toThrow(TypeError);
  });
});
