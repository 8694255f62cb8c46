import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AddToCalendarLink } from '../../../lib/AddToCalendarLink.js';
import { useEmbedded } from '../../embed/embed-context.js';
import type { BlockedScreen } from '../room-state.js';
import { NotLiveDetails } from './NotLiveDetails.js';
import './screens.css';

export interface StatusScreenProps {
  screen: BlockedScreen;
  loginHref: string;
  /** Signed in already: no point offering to sign in, unless the sign-in expired. */
  signedIn: boolean;
  /** Reads the session again and goes back to the pre-join (after a failure). */
  onRetry: () => void;
  /** Back to the pre-join (after leaving, a full room, or another tab taking over). */
  onRejoin: () => void;
  /** The attendance report, offered on the ended screen to those who may read it. */
  reportHref?: string | undefined;
  /** The session's calendar event, offered while it is not live yet and has a start time. */
  calendar?: { sessionId: string; title: string; inviteToken: string | undefined } | undefined;
}

// What each screen offers besides the way back to the plaza.
const ACTIONS: Partial<Record<BlockedScreen['kind'], 'rejoin' | 'retry' | 'sign_in'>> = {
  left: 'rejoin',
  duplicate: 'rejoin',
  full: 'rejoin',
  failed: 'retry',
  sign_in: 'sign_in',
  private: 'sign_in',
  forbidden: 'sign_in',
};

/** A full-page explanation of why the room is not shown: ended, removed, private, and so on. */
export function StatusScreen(props: StatusScreenProps) {
  const { screen, loginHref, onRetry, onRejoin } = props;
  const { t } = useTranslation();
  const titleId = useId();
  // Embedded, the host site signs people in (its token) and the site's pages open elsewhere.
  const embedded = useEmbedded();
  const newTab = embedded ? ({ target: '_blank', rel: 'noopener' } as const) : {};
  const offered = ACTIONS[screen.kind];
  const action =
    (offered === 'sign_in' && props.signedIn && screen.kind !== 'sign_in') ||
    (offered === 'sign_in' && embedded)
      ? undefined
      : offered;
  return (
    <section
      className="card room-screen"
      aria-labelledby={titleId}
      data-testid={`room-${screen.kind.replace('_', '-')}`}
    >
      <h1 id={titleId}>{t(`room.screens.${screen.kind}.title`)}</h1>
      <p>{t(`room.screens.${screen.kind}.body`)}</p>
      {screen.kind === 'not_live' && <NotLiveDetails scheduledAt={screen.scheduledAt} />}
      <div className="room-screen-actions">
        {props.calendar && <AddToCalendarLink {...props.calendar} />}
        {action === 'rejoin' && (
          <button type="button" className="primary" onClick={onRejoin} data-testid="rejoin">
            {t('room.screens.rejoin')}
          </button>
        )}
        {action === 'retry' && (
          <button type="button" className="primary" onClick={onRetry} data-testid="retry">
            {t('room.screens.retry')}
          </button>
        )}
        {action === 'sign_in' && (
          <Link to={loginHref} className="button">
            {t('room.screens.signIn')}
          </Link>
        )}
        {props.reportHref && (
          <Link to={props.reportHref} className="button" data-testid="report-link" {...newTab}>
            {t('shell.report.link')}
          </Link>
        )}
        {!embedded && (
          <Link to="/live" className="button">
            {t('room.screens.backToPlaza')}
          </Link>
        )}
        {screen.kind === 'failed' && (
          <Link to="/check" className="button" data-testid="check-link" {...newTab}>
            {t('shell.check.link')}
          </Link>
        )}
      </div>
    </section>
  );
}
