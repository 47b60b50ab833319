import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYNC_PATHS } from '../../../src/core/syncProtocol';
import { shopDomain } from '../../../src/demo/domain/shop';
import { syncHandlersWith } from '../../../src/mocks/handlers';
import { type Authenticator, jwtAuth, openAccess } from '../../../src/server/app/auth';
import { createSyncApp } from '../../../src/server/app/createSyncApp';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { syncServerOptionsOf } from '../../../src/server/syncServer';
import { openStore } from '../../../worker/store/openStore';
import type { SyncEngineOptions } from '../../../worker/sync/syncEngine';
import { addItem } from '../../shopFixtures';
import { engineFor } from './devices';
import { watchingFetch } from './liveWatch';

const storage = memoryStorage();
const appOn = (auth: Authenticator = openAccess()) =>
  createSyncApp({ storage, auth, ...syncServerOptionsOf(shopDomain) });
/** The server behind the mock: a test may close it and put a new one in its place. */
let app = appOn();
const server = setupServer(
  ...syncHandlersWith({ http, HttpResponse, delay }, { fetch: (request) => app.fetch(request) }),
);
/** Closes the server (ending its live streams) and puts a new one on the same storage. */
async function restartServer() {
  await app.close();
  app = appOn();
}
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  await app.close();
  storage.clear();
  app = appOn();
});
afterAll(() => server.close());

const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
/** Live tests: no periodic sync, quick debounce and reconnects, no quick retries. */
const LIVE: Partial<SyncEngineOptions> = { debounceMs: 1, backoff: { minDelay: 5, maxDelay: 20 } };

let runs = 0;
/** A device on the mock server through `fetch` (one that watches its live streams). */
async function device(options: Partial<SyncEngineOptions> = {}) {
  runs += 1;
  const store = await openStore({ name: `live-${runs}`, domain: shopDomain });
  const watched = watchingFetch();
  const sync = engineFor(store, watched.fetch, { ...LIVE, ...options });
  return {
    store,
    sync,
    ...watched,
    async close() {
      sync.stop();
      await store.close();
    },
  };
}
type Device = Awaited<ReturnType<typeof device>>;

/** Adds an item to `cartId` on `device` and pushes it; resolves with the cart's stream. */
async function pushItem(on: Device, cartId: string) {
  await on.store.execute(addItem(cartId, espresso, 1));
  await on.sync.syncNow();
  return `cart-${cartId}`;
}

/** The sync a start() runs has gone well and ended. */
async function firstSyncDone(on: Device) {
  await vi.waitFor(async () => {
    const { status } = await on.store.syncSummary();
    expect(status).toMatchObject({ state: 'idle', lastSyncAt: expect.any(Number) });
  });
}

/** The device's sync finished (idle) and its log holds `count` events of `stream`. */
async function waitForSynced(on: Device, stream: string, count: number) {
  await vi.waitFor(async () => {
    expect(await on.store.readStream(stream)).toHaveLength(count);
    expect((await on.store.syncSummary()).status.state).toBe('idle');
  });
}

/**
 * The timers of this process once the work under way has settled (the server's heartbeats stop a
 * few turns after it sees a stream gone): a few turns of the event loop, with no timer of its own.
 */
/**
 * The process's pending timers once the event loop has turned a few times. The count is the
 * whole process's: a timer of an earlier test may end between two counts (Dexie's query cache,
 * for one, lets entries go after 3 s), so "no timer behind" is "no more than before", never
 * "exactly as many".
 */
async function timersOnceSettled(): Promise<number> {
  for (let turn = 0; turn < 20; turn++) await new Promise((turned) => setImmediate(turned));
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('live notices: a started device pulls when the server announces a new head', () => {
  it('a push by device B reaches device A with no syncNow on A', async () => {
    const a = await device();
    const b = await device();
    a.sync.start();
    await vi.waitFor(() => expect(a.lives[0]?.heads).toEqual([0]));
    await firstSyncDone(a);

    const stream = await pushItem(b, 'cart-1');

    await waitForSynced(a, stream, 1);
    await a.close();
    await b.close();
  });

  it('A’s own push does not make A pull again: its notice is at its cursor', async () => {
    const a = await device();
    const b = await device();
    a.sync.start();
    await vi.waitFor(() => expect(a.lives[0]?.heads).toEqual([0]));
    await firstSyncDone(a);
    const pullsBefore = a.pulls();

    await pushItem(a, 'own');
    await vi.waitFor(() => expect(a.lives[0]?.heads).toEqual([0, 1]));
    // B's change then shows that A's stream is heard: A pulls for it, and only for it.
    const stream = await pushItem(b, 'other');
    await waitForSynced(a, stream, 1);

    // Its own sync pulls before and after pushing; so does the sync for B's change.
    expect(a.pulls() - pullsBefore).toBe(4);
    await a.close();
    await b.close();
  });

  it('reconnects after the server ends the stream, sending the last head it heard', async () => {
    const a = await device();
    const b = await device();
    a.sync.start();
    const first = await pushItem(b, 'before');
    await waitForSynced(a, first, 1);
    expect(a.lives[0]?.heads.at(-1)).toBe(1);

    await restartServer();
    await vi.waitFor(() => expect(a.lives).toHaveLength(2));
    expect(a.lives[0]?.open).toBe(false);
    expect(a.lives[1]?.lastEventId).toBe('1');

    const second = await pushItem(b, 'after');
    await waitForSynced(a, second, 1);
    await a.close();
    await b.close();
  });

  it('a 401 on the live stream stops reconnecting until the next start(), and is reported', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    app = appOn(jwtAuth({ secret }));
    const tokens: string[] = [];
    const a = await device({
      backoff: { minDelay: 1, maxDelay: 1 },
      token: () => {
        tokens.push('asked');
        return 'not-a-token';
      },
    });
    a.sync.start();

    await vi.waitFor(async () => {
      expect(a.lives).toHaveLength(0);
      const { status } = await a.store.syncSummary();
      expect(status.lastError).toContain('401');
    });
    const asked = tokens.length;
    // Syncs go on failing; the live stream is not asked for again.
    await a.sync.syncNow().catch(() => undefined);
    await a.sync.syncNow().catch(() => undefined);
    expect(tokens.length - asked).toBe(2);

    a.sync.stop();
    a.sync.start();
    // Its sync and its live stream ask for a token again.
    await vi.waitFor(() => expect(tokens.length - asked).toBe(4));
    await a.close();
  });

  it('a notice it cannot read is ignored, logged once, and the stream goes on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const encoder = new TextEncoder();
    let send = (_text: string) => {};
    let served = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = (text) => controller.enqueue(encoder.encode(text));
      },
    });
    const a = await device({
      fetch: async (input, init) => {
        if (new URL(new Request(input).url).pathname !== SYNC_PATHS.live) {
          return globalThis.fetch(input, init);
        }
        // The first stream is the test's; later ones never say anything.
        const stream = served ? new ReadableStream() : body;
        served = true;
        return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const b = await device();
    a.sync.start();
    await firstSyncDone(a);
    const stream = await pushItem(b, 'cart-1');

    send('event: head\ndata: not json\n\n');
    send('event: head\ndata: {"scope":"elsewhere","head":1}\n\n');
    send('event: head\ndata: {"scope":"default","head":-1}\n\n');
    send('event: head\nid: 1\ndata: {"scope":"default","head":1}\n\n');

    await waitForSynced(a, stream, 1);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    await a.close();
    await b.close();
  });

  it('stop() ends the open stream and leaves no timer behind', async () => {
    const a = await device({ backoff: { minDelay: 60_000, maxDelay: 60_000 } });
    const idle = await timersOnceSettled();
    a.sync.start();
    await vi.waitFor(() => expect(a.lives[0]?.heads).toEqual([0]));
    a.sync.stop();

    await vi.waitFor(() => expect(a.lives[0]?.open).toBe(false));
    expect(a.lives[0]?.signal?.aborted).toBe(true);
    // MSW in Node does not pass the cancel on to the app, so the app ends its side (and its
    // heartbeats): a device still listening would then arm a reconnect.
    await restartServer();
    expect(await timersOnceSettled()).toBeLessThanOrEqual(idle);

    // Also while it waits to reconnect: the server ended the stream.
    a.sync.start();
    await vi.waitFor(() => expect(a.lives).toHaveLength(2));
    await restartServer();
    await vi.waitFor(() => expect(a.lives[1]?.open).toBe(false));
    a.sync.stop();
    expect(await timersOnceSettled()).toBeLessThanOrEqual(idle);
    await a.close();
  });
});
