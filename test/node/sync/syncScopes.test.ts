import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { UnauthorizedError } from '../../../src/core/errors';
import { pushRequest, SYNC_PATHS } from '../../../src/core/syncProtocol';
import { shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { setupMockSyncServer } from '../../../src/mocks/node';
import type { Authenticator, Grant } from '../../../src/server/app/auth';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import type { SyncEngineOptions } from '../../../worker/sync/syncEngine';
import { addItem } from '../../shopFixtures';
import { holdPoint } from '../server/app/appFixture';
import { engineFor } from './devices';
import { watchingFetch } from './liveWatch';

/** The tokens the server accepts, and what each grants; a test changes them as it goes. */
const grants = new Map<string, Grant>();
const auth: Authenticator = {
  async verify(token) {
    const grant = token === null ? undefined : grants.get(token);
    if (!grant) throw new UnauthorizedError({ reason: 'the token has expired' });
    return grant;
  },
};
const mock = setupMockSyncServer({ auth });
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  grants.clear();
});
afterAll(() => mock.server.close());

/** Counters in the scope of their name's first letter: `counter-a1` is shop-a's. */
const shops = defineDomain({
  ...testDomain,
  scopeOf: (stream: string) => `shop-${stream.charAt('counter-'.length)}`,
});
const increment = (counter: string) => ({ type: 'Increment', data: { counter, by: 1 } }) as const;
const BOTH = ['shop-a', 'shop-b'];

/** A request a device sent, with what the server answered. */
interface Sent {
  path: string;
  scope: string | null;
  authorization: string | null;
  status: number;
  streams: string[];
}

/** A fetch to the mock server through `inner` that keeps every request it sends. */
function recordingFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = url.pathname === SYNC_PATHS.push ? await request.clone().json() : null;
    const response = await inner(request);
    sent.push({
      path: url.pathname,
      scope: body ? pushRequest.parse(body).scope : url.searchParams.get('scope'),
      authorization: request.headers.get('authorization'),
      status: response.status,
      streams: body ? pushRequest.parse(body).streams.map((s) => s.stream) : [],
    });
    return response;
  };
  return { fetch, sent };
}

let databases = 0;
const pathOf = (input: RequestInfo | URL) =>
  new URL(input instanceof Request ? input.url : String(input)).pathname;

/** A device of `domain` syncing `scopes` through `fetch` (recorded), with `token`. */
async function device(
  options: Partial<SyncEngineOptions> & { domain?: typeof shops | typeof carts } = {},
) {
  const { domain = shops, ...engine } = options;
  const store = await openStore({ name: `sync-scopes-${++databases}`, domain });
  const recorded = recordingFetch(options.fetch);
  const sync = engineFor(store, recorded.fetch, {
    scopes: BOTH,
    scopeOf: domain.scopeOf,
    token: () => 'everything',
    ...engine,
    fetch: recorded.fetch,
  });
  return {
    store,
    sync,
    sent: recorded.sent,
    async streams() {
      return (await store.readAll()).events.map((event) => event.stream).sort();
    },
    async close() {
      sync.stop();
      await store.close();
    },
  };
}

const storedIn = async (scope: string) =>
  (await mock.storage.readAfter(scope, 0, 1000)).map((event) => event.stream);

/** Carts in scope carts, orders in scope orders: checking out writes both. */
const carts = defineDomain({
  ...shopDomain,
  scopeOf: (stream: string) => (stream.startsWith('order-') ? 'orders' : 'carts'),
});
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };

describe('a device syncing several scopes', () => {
  it('pushes each command to its scope and pulls each scope from its own cursor', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const one = await device();
    const two = await device();
    await one.store.execute(increment('a1'));
    await one.store.execute(increment('b1'));
    await one.store.execute(increment('a2'));

    expect(await one.sync.syncNow()).toMatchObject({ pushed: 3 });
    expect(await storedIn('shop-a')).toEqual(['counter-a1', 'counter-a2']);
    expect(await storedIn('shop-b')).toEqual(['counter-b1']);
    // Each push carries only its scope's streams.
    const pushes = one.sent.filter((s) => s.path === SYNC_PATHS.push);
    expect(pushes.map(({ scope, streams }) => ({ scope, streams }))).toEqual([
      { scope: 'shop-a', streams: ['counter-a1', 'counter-a2'] },
      { scope: 'shop-b', streams: ['counter-b1'] },
    ]);

    // shop-b's positions start at 1 as shop-a's do: a device that pulled shop-a up to 2 still
    // pulls all of shop-b.
    await two.sync.syncNow();
    expect(await two.streams()).toEqual(['counter-a1', 'counter-a2', 'counter-b1']);
    await two.store.execute(increment('b2'));
    await two.sync.syncNow();
    await one.sync.syncNow();
    expect(await one.streams()).toEqual(['counter-a1', 'counter-a2', 'counter-b1', 'counter-b2']);
    expect((await one.store.syncSummary()).pending).toBe(0);
    await one.close();
    await two.close();
  });

  it('rejects a command of a scope it does not sync, or of two scopes, and never sends it', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const one = await device();
    const foreign = await one.store.execute(increment('c1'));
    await one.store.execute(increment('a1'));

    const report = await one.sync.syncNow();

    expect(report.rejected).toEqual([
      {
        commandId: foreign.commandId,
        type: 'Increment',
        reason:
          'Cannot sync: counter-c1 belongs to scope "shop-c", which this device does not sync',
      },
    ]);
    expect(one.sent.flatMap((s) => s.streams)).toEqual(['counter-a1']);
    expect(await storedIn('shop-c')).toEqual([]);
    expect(await one.store.readStream('counter-c1')).toEqual([]);

    const shop = await device({ domain: carts, scopes: ['carts', 'orders'] });
    await shop.store.execute(addItem('cart-1', espresso, 1));
    const checkOut = await shop.store.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId: 'cart-1', orderId: 'order-1' },
    });
    expect((await shop.sync.syncNow()).rejected).toEqual([
      {
        commandId: checkOut.commandId,
        type: 'CheckOut',
        reason:
          'Cannot sync: one command wrote cart-cart-1 of scope "carts" and order-order-1 of scope "orders"',
      },
    ]);
    expect(shop.sent.flatMap((s) => s.streams)).toEqual(['cart-cart-1']);
    await one.close();
    await shop.close();
  });

  it('goes on with the other scopes when one is refused (403), and reports it unauthorized', async () => {
    grants.set('ada', { sub: 'ada', scopes: ['shop-a'] });
    const one = await device({ token: () => 'ada' });
    await one.store.execute(increment('b1'));
    await one.store.execute(increment('a1'));

    const error = await one.sync.syncNow().catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ name: 'SyncHttpError', status: 403 });
    expect(await storedIn('shop-a')).toEqual(['counter-a1']);
    // The refused scope's pull comes first, so its pending work is never pushed.
    const toShopB = one.sent.filter((s) => s.scope === 'shop-b');
    expect(toShopB.map((s) => [s.path, s.status])).toEqual([[SYNC_PATHS.pull, 403]]);
    const { status, pending } = await one.store.syncSummary();
    expect(status.state).toBe('unauthorized');
    expect(status.lastError).toContain('shop-b');
    expect(pending).toBe(1);
    // Others' changes in shop-a still arrive.
    const two = await device({ token: () => 'ada', scopes: ['shop-a'] });
    await two.store.execute(increment('a2'));
    await two.sync.syncNow();
    await one.sync.syncNow().catch(() => undefined);
    expect(await one.streams()).toEqual(['counter-a1', 'counter-a2', 'counter-b1']);
    await one.close();
    await two.close();
  });
});

describe('tokens', () => {
  it('asks for a new token after a 401 and sends the request again with it', async () => {
    const issued = ['first', 'second'];
    let asked = 0;
    grants.set('first', { sub: 'ada', scopes: '*' });
    const one = await device({ scopes: ['shop-a'], token: () => issued[asked++] ?? 'none' });
    await one.sync.syncNow();
    // The first token expires; the token function now gives the second.
    grants.delete('first');
    grants.set('second', { sub: 'ada', scopes: '*' });
    const before = one.sent.length;
    await one.store.execute(increment('a1'));

    expect(await one.sync.syncNow()).toMatchObject({ pushed: 1 });

    expect(asked).toBe(2);
    expect(one.sent.slice(before).map((s) => [s.authorization, s.status])).toEqual([
      ['Bearer first', 401],
      ['Bearer second', 200],
      ['Bearer second', 200],
      ['Bearer second', 200],
    ]);
    expect((await one.store.syncSummary()).status.state).toBe('idle');
    await one.close();
  });

  it('a token refused again is unauthorized with the server’s words, until a new token comes', async () => {
    let token = 'stale';
    let asked = 0;
    const one = await device({
      scopes: ['shop-a'],
      token: () => {
        asked += 1;
        return token;
      },
    });
    await one.store.execute(increment('a1'));

    await expect(one.sync.syncNow()).rejects.toMatchObject({ name: 'SyncHttpError', status: 401 });

    const { status } = await one.store.syncSummary();
    expect(status).toMatchObject({
      state: 'unauthorized',
      lastError: expect.stringContaining('the token has expired'),
    });
    // Asked again after the 401; the same token is not sent twice.
    expect(asked).toBe(2);
    expect(one.sent).toHaveLength(1);
    // A local change asks for a token, and sends nothing while it is the refused one.
    one.sync.schedule();
    await vi.waitFor(() => expect(asked).toBe(3));
    expect(one.sent).toHaveLength(1);
    expect((await one.store.syncSummary()).status.state).toBe('unauthorized');

    token = 'fresh';
    grants.set('fresh', { sub: 'ada', scopes: '*' });
    one.sync.schedule();
    await vi.waitFor(async () => {
      expect(await one.store.syncSummary()).toMatchObject({
        pending: 0,
        status: { state: 'idle' },
      });
    });
    expect(await storedIn('shop-a')).toEqual(['counter-a1']);
    await one.close();
  });
});

describe('live streams, one per scope', () => {
  /** Live tests: quick reconnects, no quick retries, local changes waited for a long time. */
  const LIVE = { backoff: { minDelay: 5, maxDelay: 20 }, debounceMs: 60_000 };

  it('a notice on shop-b pulls shop-b at once', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const watched = watchingFetch();
    const one = await device({ ...LIVE, fetch: watched.fetch });
    const two = await device({ scopes: ['shop-b'] });
    one.sync.start();
    await vi.waitFor(() => {
      expect(watched.lives.map((live) => live.heads)).toEqual([[0], [0]]);
    });
    await vi.waitFor(async () => {
      const { status } = await one.store.syncSummary();
      expect(status).toMatchObject({ state: 'idle', lastSyncAt: expect.any(Number) });
    });
    const before = one.sent.length;

    await two.store.execute(increment('b1'));
    await two.sync.syncNow();

    await vi.waitFor(async () => expect(await one.streams()).toEqual(['counter-b1']));
    const lives = one.sent.filter((s) => s.path === SYNC_PATHS.live).map((s) => s.scope);
    expect(lives.sort()).toEqual(BOTH);
    const pulls = one.sent.slice(before).filter((s) => s.path === SYNC_PATHS.pull);
    expect(new Set(pulls.map((s) => s.scope))).toEqual(new Set(['shop-b']));
    await one.close();
    await two.close();
  });

  it('polls a scope whose live stream is refused, while the other stays live', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const one = await device({
      ...LIVE,
      intervalMs: 20,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const refused =
          url.pathname === SYNC_PATHS.live && url.searchParams.get('scope') === 'shop-b';
        return refused
          ? Response.json({ error: 'NotFound', message: 'No live updates here' }, { status: 404 })
          : globalThis.fetch(input, init);
      },
    });
    const two = await device({ scopes: ['shop-b'] });
    one.sync.start();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());

    await two.store.execute(increment('b1'));
    await two.sync.syncNow();

    await vi.waitFor(async () => expect(await one.streams()).toEqual(['counter-b1']));
    // A live stream refused is no sync failure: polls go well.
    expect((await one.store.syncSummary()).status.lastError).toBeNull();
    warn.mockRestore();
    await one.close();
    await two.close();
  });
});

describe('prompt syncs', () => {
  it('pushes a local change at once, not after the debounce', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const one = await device({ debounceMs: 60_000 });
    await one.store.execute(increment('a1'));

    one.sync.schedule();

    await vi.waitFor(async () => expect(await storedIn('shop-a')).toEqual(['counter-a1']));
    await one.close();
  });

  it('pushes the changes made during a push together in the one push after it', async () => {
    grants.set('everything', { sub: 'ada', scopes: '*' });
    const first = holdPoint();
    let pushes = 0;
    const one = await device({
      scopes: ['shop-a'],
      fetch: async (input, init) => {
        if (pathOf(input) === SYNC_PATHS.push && ++pushes === 1) await first.hold();
        return globalThis.fetch(input, init);
      },
    });
    await one.store.execute(increment('a0'));
    one.sync.schedule();
    await first.reached;
    for (let i = 1; i < 100; i++) {
      await one.store.execute(increment(`a${i}`));
      one.sync.schedule();
    }

    first.release();

    await vi.waitFor(async () => {
      expect(await one.store.syncSummary()).toMatchObject({
        pending: 0,
        status: { state: 'idle' },
      });
    });
    expect(pushes).toBe(2);
    expect(await storedIn('shop-a')).toHaveLength(100);
    await one.close();
  });
});
