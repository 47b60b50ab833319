import { expect } from 'vitest';
import { z } from 'zod/mini';
import { StorageUnavailableError } from '../../../../src/core/errors';
import { errorResponse, type PushRequest } from '../../../../src/core/syncProtocol';
import { type Authenticator, openAccess } from '../../../../src/server/app/auth';
import { createSyncApp, type SyncAppOptions } from '../../../../src/server/app/createSyncApp';
import { signDevToken } from '../../../../src/server/app/devTokens';
import { memoryStorage } from '../../../../src/server/memoryStorage';
import type { SyncStorage } from '../../../../src/server/syncStorage';
import { SCOPE } from '../wire';

export const BASE = 'http://sync.test';
export const SECRET = 'a secret only the tests know, long enough for HS256';

/** An app over fresh memory storage; open access unless told otherwise. */
export function testApp(options: Partial<SyncAppOptions> & { auth?: Authenticator } = {}) {
  const storage = memoryStorage();
  const app = createSyncApp({ storage, auth: openAccess(), ...options });
  return { app, storage };
}

/** A token `jwtAuth({ secret: SECRET })` accepts. */
export const tokenFor = (sub: string, scopes: string[]) => signDevToken(SECRET, { sub, scopes });

const authorization = (token?: string): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };

export const pushTo = (
  app: { fetch(request: Request): Promise<Response> },
  body: PushRequest | string,
  token?: string,
) =>
  app.fetch(
    new Request(`${BASE}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization(token) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

export const pullFrom = (
  app: { fetch(request: Request): Promise<Response> },
  query: Record<string, string | number> = {},
  token?: string,
) =>
  app.fetch(
    new Request(
      `${BASE}/api/sync/pull?${new URLSearchParams(
        Object.entries({ scope: SCOPE, after: 0, limit: 100, ...query }).map(([k, v]) => [
          k,
          String(v),
        ]),
      )}`,
      { headers: authorization(token) },
    ),
  );

/** How many events the scope holds, read from the storage itself. */
export const storedIn = async (storage: SyncStorage, scope = SCOPE) =>
  (await storage.readAfter(scope, 0, 100_000)).length;

/** Every error body is `{ error, message, field? }`, and nothing else: never a stack. */
export async function errorBody(response: Response) {
  const text = await response.text();
  expect(text).not.toMatch(/stack|node_modules|\.ts:\d|\n\s+at /);
  return z.strictObject(errorResponse.shape).parse(JSON.parse(text));
}

/** A storage whose backend can be taken down: every call then throws StorageUnavailableError. */
export function faultyStorage(storage: SyncStorage) {
  let down = false;
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      down
        ? Promise.reject(new StorageUnavailableError({ reason: 'connection refused' }))
        : call(...args);
  const faulty: SyncStorage & { down: boolean } = {
    ...storage,
    exclusive: guard(storage.exclusive.bind(storage)) as SyncStorage['exclusive'],
    readAfter: guard(storage.readAfter.bind(storage)),
    head: guard(storage.head.bind(storage)),
    ping: guard(storage.ping.bind(storage)),
    get down() {
      return down;
    },
    set down(value) {
      down = value;
    },
  };
  return faulty;
}

/**
 * A place a test holds a call at: `hold()` (awaited by the call) marks it `reached` and waits
 * until the test calls `release()`.
 */
export function holdPoint() {
  let reach = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    reached,
    release,
    hold: () => {
      reach();
      return released;
    },
  };
}
