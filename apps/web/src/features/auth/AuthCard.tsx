import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

const OTHER = {
  register: { prompt: 'shell.auth.noAccount', label: 'shell.nav.register' },
  login: { prompt: 'shell.auth.haveAccount', label: 'shell.nav.signIn' },
} as const;

/**
 * The card of the sign-in and register pages: a title, the form, and a link to the other page
 * that keeps the query (so `?next=` survives the switch).
 */
export function AuthCard({
  title,
  other,
  after,
  children,
}: {
  title: string;
  /** The page to link to; none when it is off (registration on an OIDC-only server). */
  other: keyof typeof OTHER | undefined;
  /** Below the link: another way in (the guest form). */
  after?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <section className="card narrow">
      <h1>{title}</h1>
      {children}
      {other && (
        <p>
          {t(OTHER[other].prompt)}{' '}
          <Link to={`/${other}?${search.toString()}`}>{t(OTHER[other].label)}</Link>
        </p>
      )}
      {after}
    </section>
  );
}
