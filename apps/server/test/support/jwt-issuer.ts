import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

/**
 * A host site as the tests play it: it signs JWTs for its users with a shared secret (HS256) or
 * with its own keys (RS256, ES256), whose public halves it publishes as a JWKS over HTTP on a
 * loopback port, counting how often they are fetched.
 */
export interface JwtIssuer {
  issuer: string;
  audience: string;
  secret: string;
  jwksUrl: string;
  /** GETs of the JWKS so far. */
  jwksFetches(): number;
  /** A JWT with the issuer's `iss` and `aud`, an hour's `exp`, and `claims` on top. */
  sign(
    claims: JWTPayload,
    options?: { alg?: 'HS256' | 'RS256' | 'ES256'; secret?: string; key?: 'stranger' },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startJwtIssuer(): Promise<JwtIssuer> {
  const issuer = 'https://school.example';
  const audience = 'stagecast';
  const secret = `test-secret-${randomUUID()}-0123456789`;
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('RS256');
  const published: JWK[] = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    issuer,
    audience,
    secret,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    jwksFetches: () => fetches,
    async sign(claims, options = {}) {
      const alg = options.alg ?? 'HS256';
      const now = Math.floor(Date.now() / 1000);
      let key: CryptoKey | Uint8Array;
      let kid: string | undefined;
      if (alg === 'HS256') key = new TextEncoder().encode(options.secret ?? secret);
      else if (options.key === 'stranger') [key, kid] = [stranger.privateKey, 'rsa-1'];
      else if (alg === 'RS256') [key, kid] = [rsa.privateKey, 'rsa-1'];
      else [key, kid] = [ec.privateKey, 'ec-1'];
      return new SignJWT({ iss: issuer, aud: audience, iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A JWT with `alg: none` and no signature, which no verifier may accept. */
export function unsignedJwt(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
