import type { AuthOptions } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { nextPath } from './next-path.js';

/**
 * "Sign in with …": a plain link, since the sign-in is a run of page loads (to the provider and
 * back through `/auth/oidc/callback`), which lands on `?next=` (or the plaza).
 */
export function OidcButton({ provider }: { provider: NonNullable<AuthOptions['oidc']> }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const href = `${provider.start_url}?next=${encodeURIComponent(nextPath(search))}`;
  return (
    <a className="button primary oidc-button" href={href} data-testid="oidc-sign-in">
      {t('shell.auth.oidcSignIn', { name: provider.name })}
    </a>
  );
}
