import { useQuery } from '@tanstack/react-query';
import type { AuthOptions } from '@stagecast/contracts';
import { authOptionsQuery } from '../../api/queries.js';

/** What a server that cannot say offers: what every server offered before OpenID sign-in. */
const FALLBACK: AuthOptions = { password: true, guests: true, oidc: null };

/**
 * How people may sign in here (`/api/v1/auth/options`): `undefined` while the first read runs,
 * so a page with passwords off never shows its password form for a moment.
 */
export function useAuthOptions(): AuthOptions | undefined {
  const { data, isError } = useQuery(authOptionsQuery());
  return data ?? (isError ? FALLBACK : undefined);
}
