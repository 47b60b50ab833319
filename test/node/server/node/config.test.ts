import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../src/server/node/config';

describe('configFromEnv', () => {
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
