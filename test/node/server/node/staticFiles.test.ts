import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../src/server/node/config';
import { type RunningServer, startServer } from '../../../../src/server/node/startServer';

const INDEX = '<!doctype html><title>The app</title>';
const SCRIPT = 'console.log("app");';
const OUTSIDE = 'a secret beside the build';

/** A request sent with its path exactly as written (fetch would tidy `..` away first). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, { method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.path = path;
    request.on('error', reject);
    request.end();
  });
}

describe('startServer serving a built app (LOGBOOK_STATIC_DIR)', () => {
  let base: string;
  let server: RunningServer;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'logbook-static-'));
    const dist = join(base, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await mkdir(join(dist, 'api', 'sync'), { recursive: true });
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'index-B4x9Qz1a.js'), SCRIPT);
    await writeFile(join(dist, 'assets', 'index-C2mP0w7e.css'), 'body { margin: 0 }');
    await writeFile(join(dist, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // Files a build could hold at the server's own paths: they must never answer.
    await writeFile(join(dist, 'healthz'), 'shadowed');
    await writeFile(join(dist, 'api', 'sync', 'pull'), 'shadowed');
    await writeFile(join(base, 'outside.txt'), OUTSIDE);
    server = await startServer(
      configFromEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOGBOOK_DATA_DIR: join(base, 'data'),
        LOGBOOK_STATIC_DIR: dist,
        LOGBOOK_DEV_TOKENS: '1',
        LOG_LEVEL: 'silent',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

  it('serves index.html at / and each file with its content type', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toBe(INDEX);

    const script = await get('/assets/index-B4x9Qz1a.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe(SCRIPT);
    expect((await get('/assets/index-C2mP0w7e.css')).headers.get('content-type')).toMatch(
      /^text\/css/,
    );
    expect((await get('/icon.svg')).headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('lets caches keep hashed assets for good, and makes them check everything else', async () => {
    expect((await get('/assets/index-B4x9Qz1a.js')).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/icon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a page path with index.html (single-page app), a missing file with 404', async () => {
    for (const page of ['/orders', '/shop/ada/cart']) {
      const response = await get(page);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX);
    }
    for (const missing of ['/assets/index-gone1234.js', '/logo.png']) {
      const response = await get(missing);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'NotFound' });
    }
  });

  it('never lets the folder answer for the API', async () => {
    const health = await get('/healthz');
    expect(await health.json()).toEqual({ ok: true });
    const pull = await get('/api/sync/pull?scope=shop-ada&after=0&limit=10');
    expect(pull.status).toBe(401);
    expect(await pull.json()).toMatchObject({ error: 'Unauthorized' });
    const unknown = await get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'NotFound' });
    const token = await get('/api/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'ada', scopes: ['shop-ada'] }),
    });
    expect(await token.json()).toMatchObject({ token: expect.any(String) });
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/..%5coutside.txt',
    '/assets/%2e%2e%2f%2e%2e%2foutside.txt',
  ])('never serves a file outside the folder: %s', async (path) => {
    const response = await rawGet(server.url, path);
    expect(response.body).not.toContain(OUTSIDE);
    expect(response.status).toBe(404);
  });

  it('refuses to start on a folder with no built app, naming the setting', async () => {
    await expect(
      startServer(
        configFromEnv({
          PORT: '0',
          LOGBOOK_DATA_DIR: join(base, 'data-2'),
          LOGBOOK_STATIC_DIR: join(base, 'no-build'),
          LOG_LEVEL: 'silent',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'LOGBOOK_STATIC_DIR' });
  });
});
