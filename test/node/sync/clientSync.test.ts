import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectLogbook } from '../../../src/client/connectLogbook';
import { SyncHttpError } from '../../../src/core/errors';
import { SYNC_PATHS } from '../../../src/core/syncProtocol';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { exposeStore } from '../../../worker/transport/exposeStore';
import { SERVER_URL } from './devices';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

let databases = 0;

/** The worker's API served over a MessageChannel, syncing through `fetch`, and its client. */
async function connect(fetch: typeof globalThis.fetch) {
  const channel = new MessageChannel();
  exposeStore(testDomain, {
    sync: { fetch, url: SERVER_URL, intervalMs: 0 },
    endpoint: channel.port1,
  });
  const client = await connectLogbook<typeof testDomain>(channel.port2, {
    name: `client-sync-${++databases}`,
  });
  return {
    client,
    async close() {
      await client.close();
      channel.port1.close();
    },
  };
}

const increment = { type: 'Increment', data: { counter: 'a', by: 1 } } as const;

describe('syncNow through the worker client', () => {
  it('resolves with what the sync did', async () => {
    const { client, close } = await connect((input, init) => globalThis.fetch(input, init));
    await client.execute(increment);

    expect(await client.syncNow()).toEqual({ pushed: 1, pulled: 0, rebased: 0, rejected: [] });
    await close();
  });

  it('rejects with the server’s SyncHttpError, its class and fields kept', async () => {
    const { client, close } = await connect(async (input, init) =>
      String(input).endsWith(SYNC_PATHS.push)
        ? Response.json(
            { error: 'PayloadTooLarge', message: 'A push may be at most 1048576 bytes' },
            { status: 413 },
          )
        : globalThis.fetch(input, init),
    );
    await client.execute(increment);

    const error = await client.syncNow().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({
      status: 413,
      error: 'PayloadTooLarge',
      reason: 'A push may be at most 1048576 bytes',
      field: null,
    });
    await close();
  });
});
