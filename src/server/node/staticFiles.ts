import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { ValidationError } from '../../core/errors';
import { SERVER_PATHS } from '../../core/syncProtocol';

type Fetch = (request: Request) => Promise<Response>;

/** The server's own paths: never answered from the folder, whatever it holds. */
function isServerPath(path: string): boolean {
  return path.startsWith('/api/') || path === SERVER_PATHS.healthz || path === SERVER_PATHS.readyz;
}

/**
 * Vite names what it builds into `assets/` after the content's hash, so such a file never changes:
 * caches keep it for a year. Everything else (index.html, the service worker) is checked each time.
 */
function cacheControlOf(file: string): string {
  return /[/\\]assets[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const cached = (file: string, c: Context) => {
  c.header('cache-control', cacheControlOf(file));
};

/** A path with no file extension is a page of a single-page app, answered with its index.html. */
const isPage = (path: string) => !/\.[^/]*$/.test(path);

/**
 * Serves the built app in `root` beside the API: its files with their content types (`serveStatic`
 * of `@hono/node-server`, which refuses `..`, encoded separators and backslashes), index.html for
 * a page path (SPA fallback), and the API's JSON 404 for a missing file. API paths go straight to
 * `api`, so the folder can never shadow them.
 */
export function withStaticFiles(api: Fetch, root: string): Fetch {
  if (!existsSync(join(root, 'index.html'))) {
    throw new ValidationError({
      field: 'LOGBOOK_STATIC_DIR',
      reason: `has no index.html in ${root} (build the app first, e.g. vite build)`,
    });
  }
  const files = new Hono();
  files.use('*', serveStatic({ root, onFound: cached }));
  files.get('*', async (c, next) => {
    if (!isPage(c.req.path)) return next();
    return serveStatic({ root, path: 'index.html', onFound: cached })(c, next);
  });
  files.notFound((c) => api(c.req.raw));
  return async (request) =>
    isServerPath(new URL(request.url).pathname) ? api(request) : files.fetch(request);
}
