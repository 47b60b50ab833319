import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../../src/core/syncProtocol';
import { openLive } from './liveStream';
import { devToken, type ServerProcess, startServerProcess } from './serverProcess';
import { createTestDatabase, TEST_DATABASE_URL } from './testDatabase';
import { bearer, itemAdded, postPush, pullAll, pushOf } from './wire';

const SCOPES = ['shop-a', 'shop-b', 'shop-c'];
const WRITERS = 12;
const PUSHES_PER_WRITER = 25;

describe.skipIf(!TEST_DATABASE_URL)('several server processes on one real Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let instances: [ServerProcess, ServerProcess, ServerProcess];
  let token: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = {
      DATABASE_URL: database.url,
      LOGBOOK_JWT_SECRET: randomBytes(32).toString('hex'),
      LOGBOOK_REQUESTS_PER_MINUTE: '100000',
    };
    // One first, so the migrations are applied once; then two more on the migrated database.
    const first = await startServerProcess(shared);
    instances = [
      first,
      ...(await Promise.all([startServerProcess(shared), startServerProcess(shared)])),
    ];
    token = await devToken(instances[0].url, 'load', [...SCOPES, 'shop-live']);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
  });

  it('lets every reader see every event exactly once, in order, while many writers push through every instance', async () => {
    let writing = true;
    const readers = SCOPES.flatMap((scope) =>
      instances.map(async (instance) => {
        const seen: ServerEvent[] = [];
        const readOn = () => pullAll(instance.url, token, scope, seen.at(-1)?.position ?? 0);
        while (writing) seen.push(...(await readOn()));
        seen.push(...(await readOn()));
        return { scope, seen };
      }),
    );
    /** Per scope, every accepted event as `clientId:id`. */
    const accepted = new Map<string, Set<string>>();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const scope = SCOPES[w % SCOPES.length] as string;
        const stored = accepted.get(scope) ?? new Set<string>();
        accepted.set(scope, stored);
        const clientId = `writer-${w}`;
        let version = 0;
        for (let p = 0; p < PUSHES_PER_WRITER; p++) {
          const events = Array.from({ length: 1 + (p % 3) }, () => itemAdded(clientId, `w${w}`));
          const response = await postPush(
            instances[(w + p) % instances.length]?.url ?? '',
            token,
            pushOf(scope, clientId, `cart-w${w}`, version, events),
          );
          expect(response.status).toBe(200);
          const body = (await response.json()) as { results: { status: string }[] };
          expect(body.results[0]?.status).toBe('accepted');
          version += events.length;
          for (const event of events) stored.add(`${clientId}:${event.id}`);
        }
      }),
    );
    writing = false;
    for (const { scope, seen } of await Promise.all(readers)) {
      const expected = accepted.get(scope) ?? new Set();
      expect(seen.map((event) => event.position)).toEqual(
        Array.from({ length: expected.size }, (_, i) => i + 1),
      );
      expect(new Set(seen.map((event) => `${event.metadata.clientId}:${event.id}`))).toEqual(
        expected,
      );
    }
  });

  it("tells a device subscribed on one instance of a push through another, with the scope's new head", async () => {
    const live = await openLive(instances[2].url, token, 'shop-live');
    expect(live.status).toBe(200);
    const first = await live.next();
    expect(first && JSON.parse(first.data)).toEqual({ scope: 'shop-live', head: 0 });
    const response = await postPush(
      instances[0].url,
      token,
      pushOf('shop-live', 'phone', 'cart-live', 0, [
        itemAdded('phone', 'live'),
        itemAdded('phone', 'live'),
      ]),
    );
    expect(response.status).toBe(200);
    const notice = await live.next();
    expect(notice).toMatchObject({ event: 'head', id: '2' });
    expect(JSON.parse(notice?.data ?? 'null')).toEqual({ scope: 'shop-live', head: 2 });
    await live.close();
  });

  it('refuses a live stream of a scope the token lacks', async () => {
    const other = await devToken(instances[1].url, 'other', ['elsewhere']);
    const response = await fetch(`${instances[1].url}/api/sync/live?scope=shop-a`, {
      headers: bearer(other),
    });
    expect(response.status).toBe(403);
  });
});
