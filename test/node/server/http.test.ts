import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS } from '../../../src/core/syncProtocol';
import { createSyncHandlers } from '../../../src/mocks/handlers';
import { createMockFetch } from '../../../src/mocks/mockFetch';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { push, wireEvent } from './wire';

const mock = setupMockSyncServer();
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
const stored = async () => (await mock.storage.readAfter(0, 100_000)).length;

describe('the sync server over HTTP (MSW)', () => {
  it('answers a good push and pull with 200', async () => {
    const response = await post(
      JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [wireEvent()] })),
    );
    expect(response.status).toBe(200);
    const pull = await fetch(`${URL_BASE}/api/sync/pull?after=0&limit=10`);
    expect(pull.status).toBe(200);
    expect((await pull.json()).events).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"clientId": "a", "streams": [', 'body'],
    ['a missing clientId', JSON.stringify({ streams: [] }), 'clientId'],
    [
      'an empty stream name',
      JSON.stringify(push({ stream: '', baseVersion: 0, events: [wireEvent()] })),
      'streams[0].stream',
    ],
    [
      'a negative base version',
      JSON.stringify(push({ stream: 'a', baseVersion: -1, events: [wireEvent()] })),
      'streams[0].baseVersion',
    ],
    [
      'an event without a type',
      JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [{ ...wireEvent(), type: '' }] })),
      'streams[0].events[0].type',
    ],
  ])('answers %s with 400 naming the problem, and stores nothing', async (_, body, field) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'ValidationError',
      field,
      message: expect.any(String),
    });
    expect(await stored()).toBe(0);
  });

  it('answers a bad pull cursor with 400', async () => {
    const response = await fetch(`${URL_BASE}/api/sync/pull?after=-3&limit=10`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'after' });
  });

  it('answers an oversized body with 413, and stores nothing', async () => {
    const big = wireEvent({ blob: 'x'.repeat(MAX_PUSH_BYTES) });
    const response = await post(
      JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [big] })),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'PayloadTooLarge' });
    expect(await stored()).toBe(0);
  });

  it('answers a push with too many events with 413, and stores nothing', async () => {
    const events = Array.from({ length: MAX_PUSH_EVENTS + 1 }, () => wireEvent());
    const response = await post(JSON.stringify(push({ stream: 'a', baseVersion: 0, events })));
    expect(response.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await fetch(`${URL_BASE}/api/sync/pull`, { method: 'POST', body: '{}' })).status).toBe(
      405,
    );
    expect((await fetch(`${URL_BASE}/api/sync/push`)).status).toBe(405);
  });

  it('simulates faults: offline and failures store nothing; a dropped answer was stored', async () => {
    const body = JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [wireEvent()] }));
    mock.faults.offline = true;
    await expect(post(body)).rejects.toThrow(TypeError);
    Object.assign(mock.faults, { offline: false, failureRate: 1 });
    expect((await post(body)).status).toBe(500);
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
    const response = await mockFetch(`${URL_BASE}/api/sync/pull?after=0&limit=5`);
    expect(await response.json()).toEqual({ events: [], nextCursor: 0, hasMore: false });
    expect((await mockFetch(`${URL_BASE}/elsewhere`)).status).toBe(404);
    faults.offline = true;
    await expect(mockFetch(`${URL_BASE}/api/sync/pull?after=0&limit=5`)).rejects.toThrow(TypeError);
  });
});
