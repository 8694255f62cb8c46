import { describe, expect, it } from 'vitest';
import { configProblems as problems } from '../../test/support/config-problems.js';
import { parseConfig } from '../config.js';

const SECRET = 'a-shared-secret-of-at-least-32-chars!';

describe('the sign-in settings (AUTH_JWT_*, OIDC_*)', () => {
  it('are off by default', () => {
    const config = parseConfig({}, '/tmp');
    expect(config.jwtAuth).toBeUndefined();
    expect(config.oidc).toBeUndefined();
  });

  it('accept a secret, a JWKS URL or both, with the issuer and audience', () => {
    const config = parseConfig(
      {
        AUTH_JWT_SECRET: SECRET,
        AUTH_JWT_JWKS_URL: 'https://school.example/.well-known/jwks.json',
        AUTH_JWT_ISSUER: 'https://school.example',
        AUTH_JWT_AUDIENCE: 'stagecast',
        AUTH_JWT_ROLE_CLAIM: 'app.roles',
      },
      '/tmp',
    );
    expect(config.jwtAuth).toEqual({
      secret: SECRET,
      jwksUrl: 'https://school.example/.well-known/jwks.json',
      issuer: 'https://school.example',
      audience: 'stagecast',
      roleClaim: 'app.roles',
    });
  });

  it('require AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE with a key, naming each', () => {
    const found = problems({ AUTH_JWT_SECRET: SECRET });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^AUTH_JWT_ISSUER: must be set with AUTH_JWT_SECRET/);
    expect(found[1]).toMatch(/^AUTH_JWT_AUDIENCE: must be set/);
  });

  it.each([
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET: must be at least 32 characters'],
    [
      { AUTH_JWT_ISSUER: 'https://x.example' },
      'AUTH_JWT_ISSUER: needs AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL',
    ],
    [
      { AUTH_JWT_JWKS_URL: 'http://school.example/jwks' },
      'AUTH_JWT_JWKS_URL: must be an https:// URL',
    ],
    [{ AUTH_JWT_ROLE_CLAIM: 'a b' }, 'AUTH_JWT_ROLE_CLAIM: must be a claim name'],
    [
      { OIDC_ISSUER: 'https://id.example' },
      'OIDC_CLIENT_ID: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together',
    ],
    [{ OIDC_ONLY: 'true' }, 'OIDC_ONLY: needs OIDC_ISSUER'],
    [{ OIDC_ROLE_CLAIM: 'role' }, 'OIDC_ROLE_CLAIM: needs OIDC_ISSUER'],
  ])('refuse %j', (env, message) => {
    expect(problems(env as Record<string, string>).join('\n')).toContain(message);
  });

  it('never show the secrets they refuse', () => {
    const found = problems({ AUTH_JWT_SECRET: 'tiny-secret', OIDC_CLIENT_SECRET: 'oidc-s3cret' });
    expect(found.join('\n')).not.toMatch(/tiny-secret|oidc-s3cret/);
  });

  it('take an OpenID provider over http only on loopback, naming the button after its host by default', () => {
    const env = { OIDC_CLIENT_ID: 'stagecast', OIDC_CLIENT_SECRET: 's' };
    expect(parseConfig({ ...env, OIDC_ISSUER: 'http://127.0.0.1:4444' }, '/tmp').oidc).toEqual({
      issuer: 'http://127.0.0.1:4444',
      clientId: 'stagecast',
      clientSecret: 's',
      roleClaim: undefined,
      name: '127.0.0.1',
      only: false,
    });
    expect(
      parseConfig(
        { ...env, OIDC_ISSUER: 'https://id.example', OIDC_NAME: 'School', OIDC_ONLY: 'yes' },
        '/tmp',
      ).oidc,
    ).toMatchObject({ name: 'School', only: true });
    expect(problems({ ...env, OIDC_ISSUER: 'http://id.example' })[0]).toMatch(
      /^OIDC_ISSUER: must be an https/,
    );
  });
});
