import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectLogbook } from '../../../src/client/connectLogbook';
import { defineDomain } from '../../../src/core/domain';
import { pushRequest, SYNC_PATHS } from '../../../src/core/syncProtocol';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { exposeStore } from '../../../worker/transport/exposeStore';
import { engineFor, SERVER_URL } from './devices';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

/** Counters in shop-1, except `counter-elsewhere`, which is shop-2's. */
const scopedDomain = defineDomain({
  ...testDomain,
  scopeOf: (stream: string) => (stream === 'counter-elsewhere' ? 'shop-2' : 'shop-1'),
});

const increment = (counter: string) => ({ type: 'Increment', data: { counter, by: 1 } }) as const;

/** A fetch to the mock server that keeps every request it sends. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return globalThis.fetch(request);
  };
  return { fetch, requests };
}

const storedIn = async (scope: string) =>
  (await mock.storage.readAfter(scope, 0, 1000)).map((event) => event.stream);

let databases = 0;

describe('a device syncs one scope', () => {
  it('names its scope in every push and pull, and sends its token, through exposeStore', async () => {
    const { fetch, requests } = recordingFetch();
    const channel = new MessageChannel();
    let issued = 0;
    exposeStore(scopedDomain, {
      sync: {
        fetch,
        url: SERVER_URL,
        scopes: ['shop-1'],
        token: async () => `token-${++issued}`,
        intervalMs: 0,
      },
      endpoint: channel.port1,
    });
    const client = await connectLogbook<typeof scopedDomain>(channel.port2, {
      name: `scopes-${++databases}`,
    });
    await client.execute(increment('a'));
    await client.syncNow();

    const pulls = requests.filter((r) => new URL(r.url).pathname === SYNC_PATHS.pull);
    const pushes = requests.filter((r) => new URL(r.url).pathname === SYNC_PATHS.push);
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.map((r) => new URL(r.url).searchParams.get('scope'))).toEqual(
      pulls.map(() => 'shop-1'),
    );
    const pushed = await Promise.all(pushes.map(async (r) => pushRequest.parse(await r.json())));
    expect(pushed.map((push) => push.scope)).toEqual(['shop-1']);
    // The token is asked for once, and kept until the server refuses it.
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(
      requests.map(() => 'Bearer token-1'),
    );
    expect(await storedIn('shop-1')).toEqual(['counter-a']);
    expect(await storedIn('default')).toEqual([]);
    await client.close();
    channel.port1.close();
  });

  it('never pulls another scope’s events', async () => {
    const [one, two] = await Promise.all(
      ['shop-1', 'shop-2'].map(async (scope) => {
        const store = await openStore({ name: `scopes-${++databases}`, domain: testDomain });
        return { store, sync: engineFor(store, globalThis.fetch, { scopes: [scope] }) };
      }),
    );
    if (!one || !two) throw new Error('two devices expected');
    await one.store.execute(increment('a'));
    await two.store.execute(increment('b'));
    await one.sync.syncNow();
    await two.sync.syncNow();
    await one.sync.syncNow();

    const streams = async (device: typeof one) =>
      (await device.store.readAll()).events.map((event) => event.stream);
    expect(await streams(one)).toEqual(['counter-a']);
    expect(await streams(two)).toEqual(['counter-b']);
    expect(await storedIn('shop-1')).toEqual(['counter-a']);
    expect(await storedIn('shop-2')).toEqual(['counter-b']);
    for (const device of [one, two]) await device.store.close();
  });

  it('rejects a pending command of another scope’s stream, naming the scope, and pushes the rest', async () => {
    const store = await openStore({ name: `scopes-${++databases}`, domain: scopedDomain });
    const sync = engineFor(store, globalThis.fetch, {
      scopes: ['shop-1'],
      scopeOf: scopedDomain.scopeOf,
    });
    await store.execute(increment('a'));
    const foreign = await store.execute(increment('elsewhere'));
    await store.execute(increment('b'));

    const report = await sync.syncNow();

    expect(report.rejected).toEqual([
      {
        commandId: foreign.commandId,
        type: 'Increment',
        reason:
          'Cannot sync: counter-elsewhere belongs to scope "shop-2", which this device does not sync',
      },
    ]);
    expect(report.pushed).toBe(2);
    expect(await storedIn('shop-1')).toEqual(['counter-a', 'counter-b']);
    expect(await storedIn('shop-2')).toEqual([]);
    expect(await store.readStream('counter-elsewhere')).toEqual([]);
    expect(await store.syncSummary()).toMatchObject({ pending: 0 });
    await store.close();
  });
});
