import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { z } from 'zod/mini';
import { StorageUnavailableError } from '../../core/errors';
import {
  MAX_PUSH_BYTES,
  pullRequest,
  SERVER_PATHS,
  SYNC_PATHS,
  scopeName,
} from '../../core/syncProtocol';
import { createSyncServer, type SyncServerOptions } from '../syncServer';
import type { SyncStorage } from '../syncStorage';
import { type Authenticator, assertScopeGranted } from './auth';
import { DEV_TOKEN_MAX_BYTES, type DevTokenSigning, issueDevToken } from './devTokens';
import { liveStreams } from './liveStreams';
import { type Logger, silentLogger } from './logger';
import { parseRequest } from './parseRequest';
import { parsePushBody, pushTooLarge } from './pushBody';
import { type RateLimit, tokenBuckets } from './rateLimit';
import { HttpRefusal, internalError, type Refusal, refusalOf } from './refusals';
import { type AppEnv, requestLog } from './requestLog';

export interface SyncAppOptions extends SyncServerOptions {
  storage: SyncStorage;
  auth: Authenticator;
  /**
   * Answers `POST /api/dev/token` with tokens signed with this secret, carrying this audience and
   * issuer when given; absent, that path is 404.
   */
  devTokens?: DevTokenSigning;
  /** Requests per token `sub`, counted in this instance; absent, no limit. */
  rateLimit?: RateLimit;
  /** How often a live stream sends a heartbeat (an SSE comment); 15 s by default. */
  heartbeatMs?: number;
  /** One line per request, and the details of unexpected errors; silent by default. */
  logger?: Logger;
}

export interface SyncApp {
  fetch(request: Request): Promise<Response>;
  /** Ends every live stream, refuses new requests (503) and waits for the ones in flight. */
  close(): Promise<void>;
}

const liveQuery = z.object({ scope: scopeName });

/**
 * The sync server over HTTP, on web-standard Request and Response only (Node, a service worker's
 * mock or an edge runtime can host it). Every /api/sync request is authenticated and rate
 * limited before anything else; bodies are bounded before they are parsed; every refusal is a
 * JSON `errorResponse`, and an unexpected failure is logged and answered 500 without details.
 */
export function createSyncApp(options: SyncAppOptions): SyncApp {
  const { storage, auth, logger = silentLogger } = options;
  const server = createSyncServer(storage, options);
  const buckets = options.rateLimit && tokenBuckets(options.rateLimit);
  const live = liveStreams(storage, options.heartbeatMs ?? 15_000);
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(requestLog(logger));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        answer(c, {
          status: 405,
          body: { error: 'MethodNotAllowed', message: `${c.req.path} takes ${methods.join(', ')}` },
          headers: { Allow: methods.join(', ') },
        }),
    }),
  );

  app.use('/api/sync/*', async (c, next) => {
    if (closing) {
      throw new StorageUnavailableError({ reason: 'the server is shutting down' });
    }
    const grant = await auth.verify(bearerToken(c.req.header('authorization')));
    c.set('grant', grant);
    buckets?.take(grant.sub);
    await next();
  });

  app.post(
    SYNC_PATHS.push,
    bodyLimit({
      maxSize: MAX_PUSH_BYTES,
      onError: () => {
        throw pushTooLarge();
      },
    }),
    async (c) => {
      const push = parsePushBody(await c.req.text());
      const grant = c.get('grant');
      assertScopeGranted(grant, push.scope);
      return c.json(await server.push(push, { sub: grant.sub }));
    },
  );

  app.get(SYNC_PATHS.pull, async (c) => {
    const pull = parseRequest(pullRequest, c.req.query());
    assertScopeGranted(c.get('grant'), pull.scope);
    return c.body(await server.pullBody(pull), 200, { 'content-type': 'application/json' });
  });

  app.get(SYNC_PATHS.live, async (c) => {
    const { scope } = parseRequest(liveQuery, c.req.query());
    assertScopeGranted(c.get('grant'), scope);
    return live.serve(c, scope, c.req.header('last-event-id'));
  });

  const { devTokens } = options;
  if (devTokens) {
    app.post(
      SERVER_PATHS.devToken,
      bodyLimit({
        maxSize: DEV_TOKEN_MAX_BYTES,
        onError: () => {
          throw new HttpRefusal(413, 'PayloadTooLarge', 'A token request is a small JSON body');
        },
      }),
      async (c) => c.json(await issueDevToken(devTokens, await c.req.text())),
    );
  }

  app.get(SERVER_PATHS.healthz, (c) => c.json({ ok: true }));
  app.get(SERVER_PATHS.readyz, async (c) => {
    await storage.ping();
    return c.json({ ok: true });
  });

  app.notFound((c) =>
    answer(c, {
      status: 404,
      body: { error: 'NotFound', message: `Nothing at ${c.req.path}` },
      headers: {},
    }),
  );
  app.onError((error, c) => {
    const refusal = refusalOf(error);
    if (refusal) return answer(c, refusal);
    c.get('log').error({ err: error }, 'The sync server failed on a request');
    return answer(c, internalError);
  });

  /**
   * Tracked from its start, authentication included, so that close() waits for every request
   * (a live stream's counts until its answer starts: close() ends the stream itself).
   */
  const tracked = async (request: Request): Promise<Response> => {
    const answered = Promise.resolve(app.fetch(request));
    inFlight.add(answered);
    try {
      const response = await answered;
      // While shutting down, each answer ends its connection: clients that keep asking (live
      // streams reconnecting) would otherwise keep their keep-alive connections busy to the deadline.
      if (closing) response.headers.set('connection', 'close');
      return response;
    } finally {
      inFlight.delete(answered);
    }
  };

  return {
    fetch: tracked,
    async close() {
      closing = true;
      live.close();
      await Promise.allSettled(inFlight);
    },
  };
}

function answer(c: Context<AppEnv>, { status, body, headers }: Refusal): Response {
  return c.json(body, status as 400, headers);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
