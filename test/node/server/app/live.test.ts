import { describe, expect, it } from 'vitest';
import { jwtAuth } from '../../../../src/server/app/auth';
import type { SyncAppOptions } from '../../../../src/server/app/createSyncApp';
import { itemAdded, push, SCOPE } from '../wire';
import { BASE, holdPoint, pushTo, SECRET, testApp, tokenFor } from './appFixture';
import { type SseFrame, sseReader } from './sseReader';

const openLive = (
  app: { fetch(request: Request): Promise<Response> },
  headers: Record<string, string> = {},
  scope = SCOPE,
) => app.fetch(new Request(`${BASE}/api/sync/live?scope=${scope}`, { headers }));

const headNotice = (head: number, scope = SCOPE): SseFrame => ({
  event: 'head',
  id: String(head),
  data: JSON.stringify({ scope, head }),
});

const isHead = (head: number) => (frame: SseFrame) => frame.id === String(head);

/** An app whose live streams send no heartbeat during a test, unless told otherwise. */
const liveApp = (options: Partial<SyncAppOptions> = {}) =>
  testApp({ heartbeatMs: 3_600_000, ...options });

let version = 0;
const pushOne = (app: { fetch(request: Request): Promise<Response> }, scope = SCOPE) => {
  version += 1;
  return pushTo(app, {
    ...push({ stream: `cart-${version}`, baseVersion: 0, events: [itemAdded()] }),
    scope,
  });
};

describe('GET /api/sync/live', () => {
  it('sends the scope head at once, then a notice after each push to the scope only', async () => {
    const { app } = liveApp();
    await pushOne(app);
    const response = await openLive(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const live = sseReader(response);
    expect(await live.next()).toEqual(headNotice(1));
    await pushOne(app, 'shop-2');
    await pushOne(app);
    expect(await live.next()).toEqual(headNotice(2));
    await live.cancel();
  });

  it('sends the head on connect only when Last-Event-ID is not it', async () => {
    const { app } = liveApp();
    await pushOne(app);
    const seen = sseReader(await openLive(app, { 'last-event-id': '1' }));
    const behind = sseReader(await openLive(app, { 'last-event-id': '0' }));
    expect(await behind.next()).toEqual(headNotice(1));
    await pushOne(app);
    // The first frame of the stream that had seen head 1 is the next head.
    expect(await seen.next()).toEqual(headNotice(2));
    expect(await behind.next()).toEqual(headNotice(2));
    await Promise.all([seen.cancel(), behind.cancel()]);
  });

  it('keeps at most one notice waiting for a slow reader, always the newest head', async () => {
    const { app } = liveApp();
    const live = sseReader(await openLive(app));
    for (let i = 0; i < 8; i++) await pushOne(app);
    const frames = await live.until(isHead(8));
    const heads = frames.map((frame) => Number(frame.id));
    expect(heads[0]).toBe(0);
    expect(heads).toEqual([...heads].sort((a, b) => a - b));
    expect(heads.length).toBeLessThan(9);
    await live.cancel();
  });

  it('sends heartbeats while nothing happens', async () => {
    const { app } = liveApp({ heartbeatMs: 5 });
    const live = sseReader(await openLive(app));
    const frames = await live.until((frame) => frame.comment !== undefined);
    expect(frames).toEqual([headNotice(0), { comment: 'heartbeat' }]);
    await live.cancel();
  });

  it('ends every stream on close()', async () => {
    const { app } = liveApp();
    const streams = [sseReader(await openLive(app)), sseReader(await openLive(app))];
    for (const live of streams) expect(await live.next()).toEqual(headNotice(0));
    await app.close();
    for (const live of streams) expect(await live.next()).toBeNull();
    expect((await openLive(app)).status).toBe(503);
  });

  it('ends a stream that was opening while close() ran', async () => {
    const { app, storage } = liveApp();
    const headRead = holdPoint();
    const head = storage.head.bind(storage);
    storage.head = async (scope) => {
      await headRead.hold();
      return head(scope);
    };
    const opening = openLive(app);
    await headRead.reached;
    // close() waits for the request, as for any other, until its answer starts.
    const closing = app.close();
    headRead.release();
    await closing;
    const response = await opening;
    expect(response.status).toBe(200);
    const live = sseReader(response);
    // The stream ends (a stream left open never would), at most after its head.
    const frames: SseFrame[] = [];
    for (let frame = await live.next(); frame; frame = await live.next()) frames.push(frame);
    expect(frames.length).toBeLessThanOrEqual(1);
  });

  it('stops watching the storage once its last stream is gone', async () => {
    const { app, storage } = liveApp();
    let watching = 0;
    const watch = storage.watch.bind(storage);
    storage.watch = (listener) => {
      watching += 1;
      const unwatch = watch(listener);
      return () => {
        watching -= 1;
        unwatch();
      };
    };
    const live = sseReader(await openLive(app));
    const other = sseReader(await openLive(app, {}, 'shop-2'));
    await Promise.all([live.next(), other.next()]);
    expect(watching).toBe(1);
    await live.cancel();
    await other.cancel();
    await expect.poll(() => watching).toBe(0);
  });

  it('is refused without a token (401) and for a scope the token does not grant (403)', async () => {
    const { app } = liveApp({ auth: jwtAuth({ secret: SECRET }) });
    expect((await openLive(app)).status).toBe(401);
    const other = await tokenFor('bob', ['shop-2']);
    expect((await openLive(app, { authorization: `Bearer ${other}` })).status).toBe(403);
    const own = await openLive(app, { authorization: `Bearer ${other}` }, 'shop-2');
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });
});
