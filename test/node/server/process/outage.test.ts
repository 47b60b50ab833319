import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken, type ServerProcess, startServerProcess } from './serverProcess';
import { createTestDatabase, TEST_DATABASE_URL } from './testDatabase';
import { itemAdded, postPush, pullAll, pushOf } from './wire';

/** A TCP relay to Postgres that a test can cut (every connection dropped, none taken) and restore. */
async function relayTo(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const relay = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      }).listen(port, '127.0.0.1', () => {
        port = (relay.address() as { port: number }).port;
        resolve();
      });
      server = relay;
    });
  await listen();
  return {
    url(database: string) {
      const url = new URL(database);
      url.host = `127.0.0.1:${port}`;
      return url.toString();
    },
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server?.close(() => resolve());
      }),
    restore: listen,
  };
}

describe.skipIf(!TEST_DATABASE_URL)('the real server when Postgres goes away', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await relayTo(new URL(database.url));
    server = await startServerProcess({ DATABASE_URL: relay.url(database.url) });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await relay.cut();
    await database.drop();
  });

  it('answers 503 while the database is unreachable, and serves again once it is back', async () => {
    const token = await devToken(server.url, 'alice', ['shop-1']);
    const before = itemAdded('phone', 'outage');
    expect(
      (await postPush(server.url, token, pushOf('shop-1', 'phone', 'cart-o', 0, [before]))).status,
    ).toBe(200);

    await relay.cut();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: 'StorageUnavailable' });
    const during = await postPush(
      server.url,
      token,
      pushOf('shop-1', 'phone', 'cart-o', 1, [itemAdded('phone', 'outage')]),
    );
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ error: 'StorageUnavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await relay.restore();
    await expect
      .poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 20_000 })
      .toBe(200);
    const after = itemAdded('phone', 'outage');
    expect(
      (await postPush(server.url, token, pushOf('shop-1', 'phone', 'cart-o', 1, [after]))).status,
    ).toBe(200);
    expect((await pullAll(server.url, token, 'shop-1')).map((e) => e.id)).toEqual([
      before.id,
      after.id,
    ]);
  });
});
