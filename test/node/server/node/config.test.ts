import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/core/errors';
import { configFromEnv } from '../../../../src/server/node/config';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('configFromEnv', () => {
  it('runs with no configuration: port 8787, embedded Postgres in .logbook/server, no dev tokens', () => {
    expect(configFromEnv({})).toMatchObject({
      port: 8787,
      dataDir: '.logbook/server',
      databaseUrl: null,
      jwt: null,
      devTokens: false,
    });
  });

  it('reads each variable, an empty one counting as unset', () => {
    const config = configFromEnv({
      PORT: '9000',
      DATABASE_URL: 'postgres://u:p@db:5432/logbook',
      LOGBOOK_JWT_SECRET: secret,
      LOGBOOK_DEV_TOKENS: '1',
      LOGBOOK_DATA_DIR: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://u:p@db:5432/logbook',
      jwt: { secret },
      devTokens: true,
      dataDir: '.logbook/server',
    });
    expect(configFromEnv({ LOGBOOK_JWKS_URL: 'https://id.example/jwks.json' }).jwt).toEqual({
      jwksUrl: 'https://id.example/jwks.json',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ LOGBOOK_JWT_SECRET: 'short' }, 'LOGBOOK_JWT_SECRET'],
    [{ LOGBOOK_DEV_TOKENS: 'yes' }, 'LOGBOOK_DEV_TOKENS'],
    [
      { LOGBOOK_JWT_SECRET: secret, LOGBOOK_JWKS_URL: 'https://id.example/jwks.json' },
      'LOGBOOK_JWKS_URL',
    ],
    [
      { LOGBOOK_DEV_TOKENS: '1', LOGBOOK_JWKS_URL: 'https://id.example/jwks.json' },
      'LOGBOOK_DEV_TOKENS',
    ],
  ])('refuses %o, naming %s', (env, field) => {
    expect(() => configFromEnv(env)).toThrow(ValidationError);
    expect(() => configFromEnv(env)).toThrow(expect.objectContaining({ field }));
  });

  it('reads the audience and issuer tokens must carry', () => {
    const config = configFromEnv({
      LOGBOOK_JWT_AUDIENCE: 'logbook-sync',
      LOGBOOK_JWT_ISSUER: 'https://id.example',
    });
    expect(config.jwtClaims).toEqual({ audience: 'logbook-sync', issuer: 'https://id.example' });
  });

  it('wants neither when they are unset or empty', () => {
    expect(configFromEnv({ LOGBOOK_JWT_AUDIENCE: '' }).jwtClaims).toEqual({});
  });
});
