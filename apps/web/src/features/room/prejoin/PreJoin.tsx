import { useId, useState, type FormEvent } from 'react';
import type { Session, User } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AddToCalendarLink } from '../../../lib/AddToCalendarLink.js';
import { useEmbedded } from '../../embed/embed-context.js';
import type { MediaIntent } from '../media-intent.js';
import type { JoinProblem } from '../room-state.js';
import { DevicePreview } from './DevicePreview.js';
import { DisplayNameField } from './DisplayNameField.js';
import { GuestEntry } from './GuestEntry.js';
import { RoomError } from '../RoomError.js';
import './prejoin.css';

export interface PreJoinProps {
  session: Session;
  /** `null` when signed out: the guest entry is shown first. */
  user: User | null;
  isHost: boolean;
  /** Whether the join will publish; only then are devices previewed (and asked for). */
  publishes: boolean;
  loginHref: string;
  joining: boolean;
  problem: JoinProblem | undefined;
  onJoin: (displayName: string, choices: MediaIntent) => void;
}

/** Before the room: who you are, your devices if you will publish, and the join button. */
export function PreJoin(props: PreJoinProps) {
  const { session, user } = props;
  const { t } = useTranslation();
  const titleId = useId();
  // Embedded, the check opens in a new tab: only the room may be framed.
  const newTab = useEmbedded() ? ({ target: '_blank', rel: 'noopener' } as const) : {};
  return (
    <section className="card prejoin" aria-labelledby={titleId}>
      <h1 id={titleId}>{session.title}</h1>
      <p className="room-muted">
        {session.status === 'live' && (
          <span className="badge live-badge">{t('room.header.live')}</span>
        )}
        {t('room.header.host', { name: session.host.username })}
      </p>
      {session.description && <p className="prejoin-description">{session.description}</p>}
      {session.status === 'scheduled' && props.isHost && (
        <p className="room-notice">{t('room.prejoin.hostPrepare')}</p>
      )}
      {session.status === 'scheduled' && session.scheduled_at && (
        <p>
          <AddToCalendarLink sessionId={session.session_id} title={session.title} />
        </p>
      )}
      {user ? (
        <JoinForm key={user.id} {...props} user={user} />
      ) : (
        <GuestEntry loginHref={props.loginHref} />
      )}
      <p className="prejoin-check">
        <Link to="/check" data-testid="check-link" {...newTab}>
          {t('shell.check.link')}
        </Link>
      </p>
    </section>
  );
}

// Its own component, so the name starts from the user's once there is one (a guest who just
// entered included).
function JoinForm(props: PreJoinProps & { user: User }) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.user.username);
  const [choices, setChoices] = useState<MediaIntent>({ camera: true, microphone: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onJoin(name.trim(), props.publishes ? choices : { camera: false, microphone: false });
  };

  return (
    <form className="form" onSubmit={submit}>
      <DisplayNameField
        label={t('room.prejoin.displayName')}
        value={name}
        onChange={setName}
        testId="display-name-input"
      />
      {props.publishes ? (
        <DevicePreview choices={choices} onChange={setChoices} />
      ) : (
        <p className="room-muted">{t('room.prejoin.viewerNote')}</p>
      )}
      {props.problem && <RoomError>{t(`room.prejoin.problems.${props.problem}`)}</RoomError>}
      <button
        type="submit"
        className="primary"
        disabled={props.joining || name.trim() === ''}
        data-testid="join-button"
      >
        {props.joining ? t('room.prejoin.joining') : t('room.prejoin.join')}
      </button>
    </form>
  );
}
