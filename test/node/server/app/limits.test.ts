import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/core/limits';
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS } from '../../../../src/core/syncProtocol';
import { itemAdded, push, wireEvent } from '../wire';
import { BASE, errorBody, pushTo, storedIn, testApp } from './appFixture';

const pushRequestOf = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`${BASE}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

describe('the limits on a push, checked before the work they bound', () => {
  it('answers a body over the byte limit with 413, and stores nothing', async () => {
    const { app, storage } = testApp();
    const big = wireEvent({ blob: 'x'.repeat(MAX_PUSH_BYTES) });
    const response = await pushTo(app, push({ stream: 'a', baseVersion: 0, events: [big] }));
    expect(response.status).toBe(413);
    expect(await errorBody(response)).toMatchObject({ error: 'PayloadTooLarge' });
    expect(await storedIn(storage)).toBe(0);
  });

  it('refuses a declared content-length over the limit without reading the body', async () => {
    const { app } = testApp();
    const chunk = new TextEncoder().encode(' '.repeat(1024));
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1;
        if (pulled * chunk.byteLength > MAX_PUSH_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.fetch(
      pushRequestOf(body, { 'content-length': String(MAX_PUSH_BYTES + 1) }),
    );
    expect(response.status).toBe(413);
    // A readable stream pulls its first chunk as it is made; nothing was read after it.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    const { app } = testApp();
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let pulled = 0;
    // Ten times the limit: a reader that stops at the limit reads a tenth of it.
    const huge = new ReadableStream({
      pull(controller) {
        pulled += 1;
        if (pulled * chunk.byteLength > 10 * MAX_PUSH_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.fetch(pushRequestOf(huge));
    expect(response.status).toBe(413);
    expect(pulled * chunk.byteLength).toBeLessThan(2 * MAX_PUSH_BYTES);
  });

  it('measures the body it read, whatever its content-length said', async () => {
    const { app, storage } = testApp();
    const big = wireEvent({ blob: 'x'.repeat(MAX_PUSH_BYTES) });
    const response = await app.fetch(
      pushRequestOf(JSON.stringify(push({ stream: 'a', baseVersion: 0, events: [big] })), {
        'content-length': '100',
      }),
    );
    expect(response.status).toBe(413);
    expect(await storedIn(storage)).toBe(0);
  });

  it('answers JSON nested too deep with 400 before parsing it, and data at the limit with 200', async () => {
    const { app, storage } = testApp();
    const body = (data: string) =>
      JSON.stringify(
        push({ stream: 'cart-1', baseVersion: 0, events: [{ ...itemAdded(), data: 'DATA' }] }),
      ).replace('"DATA"', data);
    const deep = body('['.repeat(5000) + ']'.repeat(5000));
    expect(deep.length).toBeLessThan(11_000);
    const response = await pushTo(app, deep);
    expect(response.status).toBe(400);
    expect(await errorBody(response)).toMatchObject({ error: 'ValidationError', field: 'body' });
    expect(await storedIn(storage)).toBe(0);

    const atLimit = JSON.stringify({ ...(itemAdded().data as object), deep: 'DEEP' }).replace(
      '"DEEP"',
      '['.repeat(LIMITS.maxJsonDepth - 1) + ']'.repeat(LIMITS.maxJsonDepth - 1),
    );
    const accepted = await pushTo(app, body(atLimit));
    expect(await accepted.json()).toMatchObject({ results: [{ status: 'accepted' }] });
  });

  it('answers a push with too many events with 413 before checking any of them', async () => {
    const { app, storage } = testApp();
    // Malformed events: checked first, they would get a 400.
    const events = Array.from({ length: MAX_PUSH_EVENTS + 1 }, () => ({ id: 1 }));
    const body = JSON.stringify({ ...push(), streams: [{ stream: 'a', baseVersion: 0, events }] });
    const response = await pushTo(app, body);
    expect(response.status).toBe(413);
    expect(await errorBody(response)).toMatchObject({ error: 'PayloadTooLarge' });
    expect(await storedIn(storage)).toBe(0);
  });

  it('accepts a push at the event limit', async () => {
    const { app } = testApp();
    const events = Array.from({ length: MAX_PUSH_EVENTS }, () => wireEvent({ n: 1 }));
    const response = await pushTo(app, push({ stream: 'a', baseVersion: 0, events }));
    expect(await response.json()).toMatchObject({ results: [{ status: 'accepted' }] });
  });
});
