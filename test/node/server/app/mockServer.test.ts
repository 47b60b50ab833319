import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/core/limits';
import { pushResponse } from '../../../../src/core/syncProtocol';
import { shopDomain } from '../../../../src/demo/domain/shop';
import { createSyncHandlers } from '../../../../src/mocks/handlers';
import { createMockFetch } from '../../../../src/mocks/mockFetch';
import { setupMockSyncServer } from '../../../../src/mocks/node';
import { syncServerOptionsOf } from '../../../../src/server/syncServer';
import { itemAdded, push, SCOPE, wireEvent } from '../wire';
import { errorBody } from './appFixture';
import { sseReader } from './sseReader';

const mock = setupMockSyncServer(syncServerOptionsOf(shopDomain));
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

const URL_BASE = 'http://sync.test';
const post = (body: string) =>
  fetch(`${URL_BASE}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
const stored = async () => (await mock.storage.readAfter(SCOPE, 0, 100_000)).length;

describe('the mock sync server: the app behind MSW', () => {
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

  it('acknowledges a retry whose data has a constructor key as the original', async () => {
    const event = { ...itemAdded(), data: { ...(itemAdded().data as object), constructor: {} } };
    const body = JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [event] }));
    const original = await (await post(body)).json();
    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(original);
    expect(await stored()).toBe(1);
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
    const mockFetch = createMockFetch(createSyncHandlers(mock.app, faults));
    const response = await mockFetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=0&limit=5`);
    expect(await response.json()).toEqual({ events: [], nextCursor: 0, hasMore: false });
    expect((await mockFetch(`${URL_BASE}/elsewhere`)).status).toBe(404);
    faults.offline = true;
    await expect(
      mockFetch(`${URL_BASE}/api/sync/pull?scope=${SCOPE}&after=0&limit=5`),
    ).rejects.toThrow(TypeError);
  });

  it('streams live notices through MSW', async () => {
    const response = await fetch(`${URL_BASE}/api/sync/live?scope=${SCOPE}`);
    const live = sseReader(response);
    expect(await live.next()).toMatchObject({ event: 'head', id: '0' });
    await post(JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] })));
    expect(await live.next()).toMatchObject({ event: 'head', id: '1' });
    await live.cancel();
  });
});
