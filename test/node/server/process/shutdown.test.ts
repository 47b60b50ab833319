import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openLive } from './liveStream';
import { devToken, startServerProcess } from './serverProcess';
import { itemAdded, pullAll, pushOf } from './wire';

/** Sends a push's headers and the first half of its body; `finish()` sends the rest. */
function startPush(url: string, token: string, body: string, agent?: Agent) {
  const target = new URL('/api/sync/push', url);
  type Answer = { status: number; body: string; connection: string | undefined };
  let answered!: (result: Answer) => void;
  let failed!: (error: Error) => void;
  const response = new Promise<Answer>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const req = request(
    target,
    {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      },
    },
    (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        answered({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }),
      );
    },
  );
  req.on('error', failed);
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return {
    response,
    finish: () => req.end(body.slice(half)),
  };
}

describe('the real server, on SIGTERM', () => {
  it('finishes a push in flight, ends live streams, and exits with 0', {
    timeout: 180_000,
  }, async () => {
    const server = await startServerProcess();
    const token = await devToken(server.url, 'alice', ['shop-1']);
    const live = await openLive(server.url, token, 'shop-1');
    expect(await live.next()).not.toBeNull();
    const event = itemAdded('phone', 'in-flight');
    const push = startPush(
      server.url,
      token,
      JSON.stringify(pushOf('shop-1', 'phone', 'cart-in-flight', 0, [event])),
    );
    // The push is in flight (its body half sent) when SIGTERM arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = server.stop('SIGTERM');
    await live.ended();
    push.finish();
    const { status, body } = await push.response;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ results: [{ status: 'accepted' }] });
    expect(await exited).toBe(0);
    const again = await startServerProcess({ LOGBOOK_DATA_DIR: server.dataDir });
    try {
      expect((await pullAll(again.url, token, 'shop-1')).map((e) => e.id)).toEqual([event.id]);
    } finally {
      await again.stop();
    }
  });

  it('cuts a request that stalls once the stop has waited its deadline, and still exits with 0', {
    timeout: 180_000,
  }, async () => {
    const server = await startServerProcess({ LOGBOOK_SHUTDOWN_TIMEOUT_MS: '1000' });
    const token = await devToken(server.url, 'alice', ['shop-1']);
    const event = itemAdded('phone', 'stalled');
    const push = startPush(
      server.url,
      token,
      JSON.stringify(pushOf('shop-1', 'phone', 'cart-stalled', 0, [event])),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = server.stop('SIGTERM');
    await expect(push.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await exited).toBe(0);
  });

  it('closes the connection of each request answered while it drains, so a client that keeps asking never holds it to the deadline', {
    timeout: 60_000,
  }, async () => {
    const server = await startServerProcess({ LOGBOOK_SHUTDOWN_TIMEOUT_MS: '120000' });
    const token = await devToken(server.url, 'alice', ['shop-1']);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () =>
      new Promise<number>((answered, failed) => {
        const target = new URL('/api/sync/pull?scope=shop-1&after=0&limit=1', server.url);
        request(target, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          res.resume();
          res.on('end', () => answered(res.statusCode ?? 0));
        })
          .on('error', failed)
          .end();
      });
    // The push's connection is busy when SIGTERM arrives, so the stop cannot close it as idle.
    const body = pushOf('shop-1', 'phone', 'cart-draining', 0, [itemAdded('phone', 'd')]);
    const push = startPush(server.url, token, JSON.stringify(body), agent);
    await new Promise((resolve) => setTimeout(resolve, 200));
    let exitCode: number | null | undefined;
    const exited = server.stop('SIGTERM').then((code) => {
      exitCode = code;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    push.finish();
    expect(await push.response).toMatchObject({ status: 200, connection: 'close' });
    // A client asking on, as a live stream reconnecting does: the server stops all the same.
    while (exitCode === undefined) {
      await ask().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await exited;
    expect(exitCode).toBe(0);
    agent.destroy();
  });
});
