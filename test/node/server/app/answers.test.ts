import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/server/app/logger';
import { memoryStorage } from '../../../../src/server/memoryStorage';
import { itemAdded, push } from '../wire';
import {
  BASE,
  errorBody,
  faultyStorage,
  holdPoint,
  pullFrom,
  pushTo,
  storedIn,
  testApp,
} from './appFixture';

const aPush = () => push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] });

/** A logger that keeps every line, with the bindings of the child it was written through. */
function recordingLogger(bindings: Record<string, unknown> = {}, lines: object[] = []) {
  const record = (level: string) => (fields: object, message?: string) => {
    lines.push({ level, ...bindings, ...fields, message });
  };
  const logger: Logger & { lines: object[] } = {
    lines,
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: (more) => recordingLogger({ ...bindings, ...more }, lines),
  };
  return logger;
}

describe('what the app answers besides the sync itself', () => {
  it('answers an unexpected failure with 500 and a plain message, and logs the error', async () => {
    const failure = new Error('disk on fire');
    const logger = recordingLogger();
    const { app } = testApp({
      storage: { ...memoryStorage(), exclusive: () => Promise.reject(failure) },
      logger,
    });
    const response = await pushTo(app, aPush());
    expect(response.status).toBe(500);
    const body = await errorBody(response);
    expect(body).toEqual({ error: 'InternalError', message: expect.any(String) });
    expect(body.message).not.toContain('disk on fire');
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', err: failure }));
  });

  it('answers 503 while the storage is unreachable, and serves again once it is back', async () => {
    const storage = faultyStorage(memoryStorage());
    const { app } = testApp({ storage });
    const ready = () => app.fetch(new Request(`${BASE}/readyz`));
    expect((await ready()).status).toBe(200);
    storage.down = true;
    for (const response of [await pushTo(app, aPush()), await pullFrom(app), await ready()]) {
      expect(response.status).toBe(503);
      expect(await errorBody(response)).toMatchObject({ error: 'StorageUnavailable' });
    }
    expect((await app.fetch(new Request(`${BASE}/healthz`))).status).toBe(200);
    storage.down = false;
    expect((await pushTo(app, aPush())).status).toBe(200);
    expect(await storedIn(storage)).toBe(1);
    expect(await (await ready()).json()).toEqual({ ok: true });
  });

  it('echoes the request id, makes one up when there is none, and logs one line per request', async () => {
    const logger = recordingLogger();
    const { app } = testApp({ logger });
    const given = await app.fetch(
      new Request(`${BASE}/healthz`, { headers: { 'x-request-id': 'req-42' } }),
    );
    expect(given.headers.get('x-request-id')).toBe('req-42');
    const refused = await pullFrom(app, { after: -1 });
    expect(refused.status).toBe(400);
    const made = refused.headers.get('x-request-id');
    expect(made).toMatch(/^[\w-]{8,}$/);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        requestId: 'req-42',
        method: 'GET',
        path: '/healthz',
        status: 200,
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        requestId: made,
        path: '/api/sync/pull',
        status: 400,
        sub: 'anyone',
      }),
    ]);
  });

  it('logs through a pino logger as given', async () => {
    const lines: string[] = [];
    const logger = pino({ base: null }, { write: (line: string) => lines.push(line) });
    const { app } = testApp({ logger });
    await app.fetch(new Request(`${BASE}/healthz`, { headers: { 'x-request-id': 'req-7' } }));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        requestId: 'req-7',
        path: '/healthz',
        status: 200,
        msg: 'request',
      }),
    ]);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const { app } = testApp();
    const nowhere = await app.fetch(new Request(`${BASE}/elsewhere`));
    expect(nowhere.status).toBe(404);
    expect(await errorBody(nowhere)).toMatchObject({ error: 'NotFound' });
    const wrongMethod = await app.fetch(
      new Request(`${BASE}/api/sync/pull`, { method: 'POST', body: '{}' }),
    );
    expect(wrongMethod.status).toBe(405);
    expect(await errorBody(wrongMethod)).toMatchObject({ error: 'MethodNotAllowed' });
    expect((await app.fetch(new Request(`${BASE}/api/sync/push`))).status).toBe(405);
  });

  it('finishes the pushes in flight on close(), and refuses new ones with 503, closing their connections', async () => {
    const storage = memoryStorage();
    const pushing = holdPoint();
    const { app } = testApp({
      storage: {
        ...storage,
        exclusive: async (scope, work) => {
          await pushing.hold();
          return storage.exclusive(scope, work);
        },
      },
    });
    const inFlight = pushTo(app, aPush());
    await pushing.reached;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    const refused = await pushTo(app, aPush());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(closed).toBe(false);
    pushing.release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(await storedIn(storage)).toBe(1);
  });

  it('waits on close() for a push still in authentication, which then stores before it resolves', async () => {
    const verifying = holdPoint();
    const { app, storage } = testApp({
      auth: {
        async verify() {
          await verifying.hold();
          return { sub: 'alice', scopes: '*' };
        },
      },
    });
    const inFlight = pushTo(app, aPush());
    await verifying.reached;
    const closing = app.close();
    verifying.release();
    await closing;
    // What close() waited for is all stored: the storage may close now.
    expect(await storedIn(storage)).toBe(1);
    expect((await inFlight).status).toBe(200);
  });
});
