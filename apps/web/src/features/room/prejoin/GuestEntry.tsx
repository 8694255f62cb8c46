import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { Link } from 'react-router';
import { useAuth } from '../../auth/auth-context.js';
import { useEmbedded } from '../../embed/embed-context.js';
import { DisplayNameField } from './DisplayNameField.js';
import { RoomError } from '../RoomError.js';

type GuestProblem = 'disabled' | 'invalid' | 'rate_limited' | 'failed';

function problemOf(error: unknown): GuestProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.status === 403) return 'disabled';
  if (error.status === 400) return 'invalid';
  if (error.status === 429) return 'rate_limited';
  return 'failed';
}

/** For someone not signed in: enter as a guest with a name, or go sign in and come back. */
export function GuestEntry({ loginHref }: { loginHref: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const embedded = useEmbedded();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<GuestProblem | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await auth.enterAsGuest(name.trim());
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    }
  };

  return (
    <form className="form prejoin-guest" onSubmit={(event) => void submit(event)}>
      <h2>{t('room.guest.title')}</h2>
      <DisplayNameField
        label={t('room.guest.name')}
        value={name}
        onChange={setName}
        testId="guest-name-input"
      />
      {problem && <RoomError>{t(`room.guest.problems.${problem}`)}</RoomError>}
      <button type="submit" className="primary" disabled={busy} data-testid="guest-enter">
        {t('room.guest.enter')}
      </button>
      {/* Embedded, the host site signs its people in (the JWT hand-off), not our sign-in page. */}
      {!embedded && (
        <p className="room-muted">
          {t('room.guest.haveAccount')} <Link to={loginHref}>{t('room.guest.signIn')}</Link>
        </p>
      )}
    </form>
  );
}
