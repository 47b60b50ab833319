import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectLogbook } from '../../../src/client/connectLogbook';
import { defineDomain } from '../../../src/core/domain';
import { ValidationError } from '../../../src/core/errors';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import type { ClientSyncOptions } from '../../../src/transport/syncOptions';
import { exposeStore } from '../../../worker/transport/exposeStore';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

/** Counters in the scope of their name's first letter: `counter-a1` is shop-a's. */
const shops = defineDomain({
  ...testDomain,
  scopeOf: (stream: string) => `shop-${stream.charAt('counter-'.length)}`,
});
const increment = (counter: string) => ({ type: 'Increment', data: { counter, by: 1 } }) as const;

let databases = 0;

/**
 * A worker served over a MessageChannel (Comlink, as across a real worker boundary) whose own
 * sync options give only `fetch`, and its client, opened with `sync`; `headers` keeps the
 * authorization of each request the worker sent.
 */
async function connect(domain: typeof testDomain | typeof shops, sync: ClientSyncOptions) {
  const headers: (string | null)[] = [];
  const channel = new MessageChannel();
  exposeStore(domain, {
    sync: {
      fetch: async (input, init) => {
        headers.push(new Headers(init?.headers).get('authorization'));
        return globalThis.fetch(input, init);
      },
      intervalMs: 0,
    },
    endpoint: channel.port1,
  });
  const opening = connectLogbook<typeof domain>(channel.port2, {
    name: `connect-sync-${++databases}`,
    sync,
  });
  return {
    opening,
    headers,
    close: async () => {
      await (await opening.catch(() => null))?.close();
      channel.port1.close();
    },
  };
}

describe('connectLogbook(worker, { name, sync })', () => {
  it('syncs the scopes it names, with the token of a function on the main thread', async () => {
    let asked = 0;
    const { opening, headers, close } = await connect(shops, {
      url: 'http://sync.test',
      token: () => `main-thread-${++asked}`,
      scopes: ['shop-a', 'shop-b'],
    });
    const client = await opening;
    await client.execute(increment('a1'));
    await client.execute(increment('b1'));

    expect(await client.syncNow()).toMatchObject({ pushed: 2 });

    const stored = async (scope: string) =>
      (await mock.storage.readAfter(scope, 0, 10)).map((event) => event.stream);
    expect(await stored('shop-a')).toEqual(['counter-a1']);
    expect(await stored('shop-b')).toEqual(['counter-b1']);
    expect(asked).toBe(1);
    expect(new Set(headers)).toEqual(new Set(['Bearer main-thread-1']));
    await close();
  });

  it.each<[string, ClientSyncOptions, string]>([
    ['a URL that is none', { url: 'not a url' }, 'sync.url'],
    ['a URL of another protocol', { url: 'ftp://sync.test' }, 'sync.url'],
    ['no scopes', { url: 'http://sync.test', scopes: [] }, 'sync.scopes'],
    ['a scope named twice', { url: 'http://sync.test', scopes: ['a', 'b', 'a'] }, 'sync.scopes[2]'],
    [
      'a scope name with a space',
      { url: 'http://sync.test', scopes: ['my shop'] },
      'sync.scopes[0]',
    ],
    [
      'several scopes for a domain without scopeOf',
      { url: 'http://sync.test', scopes: ['a', 'b'] },
      'sync.scopes',
    ],
    [
      'a token that is no function',
      { url: 'http://sync.test', token: 'abc' as unknown as () => string },
      'sync.token',
    ],
    ['a negative interval', { url: 'http://sync.test', intervalMs: -1 }, 'sync.intervalMs'],
  ])('refuses %s, naming the field', async (_, sync, field) => {
    const { opening, close } = await connect(testDomain, sync);

    const error = await opening.catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field });
    await close();
  });
});
