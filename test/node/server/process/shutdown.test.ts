import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openLive } from './liveStream';
import { devToken, startServerProcess } from './serverProcess';
import { itemAdded, pullAll, pushOf } from './wire';

/** Sends a push's headers and the first half of its body; `finish()` sends the rest. */
function startPush(url: string, token: string, body: string) {
  const target = new URL('/api/sync/push', url);
  let answered!: (result: { status: number; body: string }) => void;
  let failed!: (error: Error) => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const req = request(
    target,
    {
      method: 'POST',
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
      res.on('end', () => answered({ status: res.statusCode ?? 0, body: text }));
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
});
