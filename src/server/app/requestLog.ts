import type { MiddlewareHandler } from 'hono';
import type { Grant } from './auth';
import type { Logger } from './logger';

/**
 * What the app's middleware give its handlers; `grant` is set by the /api/sync middleware,
 * before every handler that reads it.
 */
export type AppEnv = { Variables: { requestId: string; log: Logger; grant: Grant } };

/**
 * Gives each request a logger bound to its request id (`c.get('log')`), and writes one line
 * when it has been answered: method, path, status, time taken and who asked (null before auth).
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Date.now() - started,
        sub: (c.get('grant') as Grant | undefined)?.sub ?? null,
      },
      'request',
    );
  };
}
