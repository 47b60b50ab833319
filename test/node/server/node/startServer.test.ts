import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../src/server/node/config';
import { type RunningServer, startServer } from '../../../../src/server/node/startServer';
import { SECRET, tokenFor } from '../app/appFixture';
import { itemAdded, push, SCOPE } from '../wire';

describe('startServer with an audience and an issuer', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'logbook-start-'));
    server = await startServer(
      configFromEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOGBOOK_DATA_DIR: dataDir,
        LOGBOOK_JWT_SECRET: SECRET,
        LOGBOOK_JWT_AUDIENCE: 'logbook-sync',
        LOGBOOK_JWT_ISSUER: 'https://id.example',
        LOGBOOK_DEV_TOKENS: '1',
        LOG_LEVEL: 'silent',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const pushWith = (token: string) =>
    fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(push({ stream: 'cart-1', baseVersion: 0, events: [itemAdded()] })),
    });

  it('hands out dev tokens carrying them, accepts those and refuses a token without them', async () => {
    const response = await fetch(`${server.url}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'alice', scopes: [SCOPE] }),
    });
    const { token } = (await response.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject({ aud: 'logbook-sync', iss: 'https://id.example' });
    expect((await pushWith(token)).status).toBe(200);
    expect((await pushWith(await tokenFor('alice', [SCOPE]))).status).toBe(401);
  });
});
