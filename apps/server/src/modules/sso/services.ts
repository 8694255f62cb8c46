import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { JwtBearer } from '../auth/authenticator.js';
import { resolveJwtBearer, spendJwt } from './jwt-sign-in.js';
import type { JwtSignIn } from './jwt-sign-in.js';
import { oidcClient } from './oidc-client.js';
import type { OidcClient } from './oidc-client.js';
import { createJwtVerifier, looksLikeJwt } from './verify-jwt.js';

/** Sign-in through the host site, as configured: each part is absent when its settings are. */
export interface SsoServices {
  jwt: JwtSignIn | undefined;
  oidc: OidcClient | undefined;
  /** For the authenticator: the host site's JWT as a Bearer token on the whole API. */
  bearer: JwtBearer | undefined;
}

export function ssoServices(
  config: Pick<Config, 'jwtAuth' | 'oidc' | 'publicUrl'>,
  db: Db,
  /** An account's role changed: the authenticator drops its cached copies. */
  onRoleChange: (userId: string) => Promise<void>,
): SsoServices {
  const jwt: JwtSignIn | undefined = config.jwtAuth && {
    db,
    verify: createJwtVerifier(config.jwtAuth),
    roleClaim: config.jwtAuth.roleClaim,
    onRoleChange,
  };
  return {
    jwt,
    oidc: config.oidc && oidcClient(config.oidc, config.publicUrl),
    bearer: jwt && {
      accepts: looksLikeJwt,
      resolve: (token) => resolveJwtBearer(jwt, token),
      spend: (spent) => spendJwt(db, spent),
    },
  };
}
