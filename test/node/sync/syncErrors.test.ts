import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SyncHttpError, SyncNetworkError } from '../../../src/core/errors';
import type { LocalStore } from '../../../src/core/store';
import { SYNC_PATHS } from '../../../src/core/syncProtocol';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import type { SyncEngineOptions } from '../../../worker/sync/syncEngine';
import { addItem } from '../../shopFixtures';
import { closeAll, createDevices, type Device, engineFor, syncUntilQuiet } from './devices';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

let databases = 0;
const openCounters = () => openStore({ name: `sync-errors-${++databases}`, domain: testDomain });
const increment = (counter: string, by: number) =>
  ({ type: 'Increment', data: { counter, by } }) as const;

/**
 * An engine whose pushes are answered with `answer` (pulls reach the mock server); `pushes`
 * counts the pushes it sent.
 */
function engineAnsweringPushes(
  store: LocalStore,
  answer: () => Response,
  options: Partial<SyncEngineOptions> = {},
) {
  const counter = { pushes: 0 };
  const engine = engineFor(
    store,
    async (input, init) => {
      if (!String(input).endsWith(SYNC_PATHS.push)) return globalThis.fetch(input, init);
      counter.pushes += 1;
      return answer();
    },
    options,
  );
  return { engine, counter };
}

const refusedRequest = () =>
  Response.json(
    {
      error: 'ValidationError',
      message: 'Invalid streams[0].events[0].type: must be at most 128 characters',
      field: 'streams[0].events[0].type',
    },
    { status: 400 },
  );

describe('sync errors', () => {
  it('a request refused with a 4xx: reported with the server’s message, not retried on its own', async () => {
    const store = await openCounters();
    await store.execute(increment('a', 1));
    const { engine, counter } = engineAnsweringPushes(store, refusedRequest, {
      intervalMs: 60_000,
      backoff: { minDelay: 1, maxDelay: 1 },
      debounceMs: 1,
    });
    engine.start();

    const error = await engine.syncNow().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({
      status: 400,
      error: 'ValidationError',
      reason: 'Invalid streams[0].events[0].type: must be at most 128 characters',
      field: 'streams[0].events[0].type',
    });
    const { status, pending } = await store.syncSummary();
    expect(status).toMatchObject({ state: 'error', nextSyncAt: null });
    expect(status.lastError).toContain('must be at most 128 characters');
    expect(pending).toBe(1);
    // The next local change tries again.
    const pushesBefore = counter.pushes;
    engine.schedule();
    await vi.waitFor(() => expect(counter.pushes).toBe(pushesBefore + 1));
    engine.stop();
    await store.close();
  });

  it('a 5xx is reported and tried again later, backing off', async () => {
    const store = await openCounters();
    await store.execute(increment('a', 1));
    const { engine } = engineAnsweringPushes(
      store,
      () => Response.json({ error: 'ServerError', message: 'Disk full' }, { status: 503 }),
      { backoff: { minDelay: 60_000, maxDelay: 60_000 } },
    );
    engine.start();

    await expect(engine.syncNow()).rejects.toMatchObject({ name: 'SyncHttpError', status: 503 });

    const { status } = await store.syncSummary();
    expect(status).toMatchObject({
      state: 'error',
      lastError: expect.stringContaining('Disk full'),
    });
    expect(status.nextSyncAt).toBeGreaterThan(Date.now());
    engine.stop();
    await store.close();
  });

  it.each([
    ['a status of no known kind', { status: 'stored', events: [] }],
    ['an accepted result without its events', { status: 'accepted', serverVersion: 1 }],
    ['a conflict without the server’s version', { status: 'conflict', events: [] }],
  ])('a push answered with %s is a malformed response: nothing is confirmed', async (_, result) => {
    const store = await openCounters();
    await store.execute(increment('a', 1));
    const { engine } = engineAnsweringPushes(store, () =>
      Response.json({ results: [{ stream: 'counter-a', ...result }] }),
    );

    const error = await engine.syncNow().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({ status: 200, error: 'MalformedResponse' });
    expect(await store.syncSummary()).toMatchObject({ pending: 1, status: { state: 'error' } });
    await store.close();
  });

  it('a fetch that fails is offline: syncNow rejects with SyncNetworkError', async () => {
    const store = await openCounters();
    const engine = engineFor(store, fetch);
    mock.faults.offline = true;

    await expect(engine.syncNow()).rejects.toBeInstanceOf(SyncNetworkError);

    expect((await store.syncSummary()).status.state).toBe('offline');
    await store.close();
  });

  it('a bug in code is an error with its message, not offline', async () => {
    const store = await openCounters();
    const broken: LocalStore = {
      ...store,
      applyPulled: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'events')");
      },
    };
    const engine = engineFor(broken, fetch);

    await expect(engine.syncNow()).rejects.toThrow(TypeError);

    expect((await store.syncSummary()).status).toMatchObject({
      state: 'error',
      lastError: "Cannot read properties of undefined (reading 'events')",
    });
    await store.close();
  });

  it('syncNow resolves with what it did: pushed, pulled, rebased and rejected', async () => {
    const devices = await createDevices(2);
    const [a, b] = devices as [Device, Device];
    const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
    await a.store.execute(addItem('cart-1', flatWhite, 1));
    await a.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
    });
    await syncUntilQuiet(devices);
    const payment = await a.store.execute({
      type: 'PayOrder',
      data: { shopId: DEFAULT_SHOP, orderId: 'order-1' },
    });
    await b.store.execute({
      type: 'CancelOrder',
      data: { shopId: DEFAULT_SHOP, orderId: 'order-1', reason: 'no milk' },
    });

    expect(await b.sync.syncNow()).toEqual({ pushed: 1, pulled: 0, rebased: 0, rejected: [] });
    expect(await a.sync.syncNow()).toEqual({
      pushed: 0,
      pulled: 1,
      rebased: 1,
      rejected: [
        { commandId: payment.commandId, type: 'PayOrder', reason: 'The order is cancelled' },
      ],
    });
    await closeAll(devices);
  });

  it('background syncs that fail leave no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const store = await openCounters();
    let requests = 0;
    const engine = engineFor(
      store,
      (input, init) => {
        requests += 1;
        return globalThis.fetch(input, init);
      },
      { backoff: { minDelay: 1, maxDelay: 2 } },
    );
    mock.faults.offline = true;

    engine.start();
    engine.schedule();
    // Each failure is reported, then tried again later: the third request follows two failures.
    await vi.waitFor(() => expect(requests).toBeGreaterThanOrEqual(3));
    await vi.waitFor(async () => expect((await store.syncSummary()).status.state).toBe('offline'));

    engine.stop();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    await store.close();
  });
});
