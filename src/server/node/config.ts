import { z } from 'zod/mini';
import { ValidationError } from '../../core/errors';
import type { TokenClaims } from '../app/auth';

/** How the Node server runs, read from the environment by `configFromEnv`. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Where embedded Postgres (PGlite) keeps its data, and the development secret. */
  dataDir: string;
  /** A real Postgres server; null: embedded Postgres in `dataDir`. */
  databaseUrl: string | null;
  /** How tokens are verified; null: with a development secret kept in `dataDir`. */
  jwt: { secret: string } | { jwksUrl: string } | null;
  /** The audience and issuer tokens must carry (and dev tokens then carry); each when set. */
  jwtClaims: TokenClaims;
  /** Whether `POST /api/dev/token` hands out tokens (local use only). */
  devTokens: boolean;
  /** A built web app served beside the API (`withStaticFiles`); null: the API only. */
  staticDir: string | null;
  /** Requests one token (its `sub`) may make per minute, on each instance. */
  requestsPerMinute: number;
  heartbeatMs: number;
  /** How long a stop waits for requests in flight before it drops their connections. */
  shutdownTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const port = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65_535));
const positive = z.coerce.number().check(z.int(), z.positive());
const flag = z.enum(['0', '1', 'true', 'false']);
const nonEmpty = z.string().check(z.minLength(1));

const environment = z.object({
  PORT: z._default(port, 8787),
  HOST: z._default(nonEmpty, '0.0.0.0'),
  LOGBOOK_DATA_DIR: z._default(nonEmpty, '.logbook/server'),
  DATABASE_URL: z.optional(z.url({ protocol: /^postgres(ql)?$/ })),
  LOGBOOK_JWT_SECRET: z.optional(z.string().check(z.minLength(32))),
  LOGBOOK_JWKS_URL: z.optional(z.url({ protocol: /^https?$/ })),
  LOGBOOK_JWT_AUDIENCE: z.optional(nonEmpty),
  LOGBOOK_JWT_ISSUER: z.optional(nonEmpty),
  LOGBOOK_DEV_TOKENS: z._default(flag, '0'),
  LOGBOOK_STATIC_DIR: z.optional(nonEmpty),
  LOGBOOK_REQUESTS_PER_MINUTE: z._default(positive, 1200),
  LOGBOOK_HEARTBEAT_MS: z._default(positive, 15_000),
  LOGBOOK_SHUTDOWN_TIMEOUT_MS: z._default(positive, 10_000),
  LOG_LEVEL: z._default(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
  ),
});

/**
 * The server's configuration from environment variables (docs/server.md lists them). An empty
 * variable counts as unset; a bad one is a `ValidationError` naming it.
 */
export function configFromEnv(env: Record<string, string | undefined>): ServerConfig {
  const set = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name in environment.shape && value !== ''),
  );
  const parsed = environment.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError({
      field: String(issue?.path[0] ?? 'environment'),
      reason: issue?.message ?? 'is not valid',
    });
  }
  const e = parsed.data;
  const devTokens = e.LOGBOOK_DEV_TOKENS === '1' || e.LOGBOOK_DEV_TOKENS === 'true';
  if (devTokens && e.LOGBOOK_JWKS_URL) {
    throw new ValidationError({
      field: 'LOGBOOK_DEV_TOKENS',
      reason:
        'development tokens are signed with a secret, and tokens are verified with LOGBOOK_JWKS_URL',
    });
  }
  if (e.LOGBOOK_JWT_SECRET && e.LOGBOOK_JWKS_URL) {
    throw new ValidationError({
      field: 'LOGBOOK_JWKS_URL',
      reason: 'set either LOGBOOK_JWT_SECRET or LOGBOOK_JWKS_URL, not both',
    });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.LOGBOOK_DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    jwt: e.LOGBOOK_JWT_SECRET
      ? { secret: e.LOGBOOK_JWT_SECRET }
      : e.LOGBOOK_JWKS_URL
        ? { jwksUrl: e.LOGBOOK_JWKS_URL }
        : null,
    jwtClaims: {
      ...(e.LOGBOOK_JWT_AUDIENCE ? { audience: e.LOGBOOK_JWT_AUDIENCE } : {}),
      ...(e.LOGBOOK_JWT_ISSUER ? { issuer: e.LOGBOOK_JWT_ISSUER } : {}),
    },
    devTokens,
    staticDir: e.LOGBOOK_STATIC_DIR ?? null,
    requestsPerMinute: e.LOGBOOK_REQUESTS_PER_MINUTE,
    heartbeatMs: e.LOGBOOK_HEARTBEAT_MS,
    shutdownTimeoutMs: e.LOGBOOK_SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}
