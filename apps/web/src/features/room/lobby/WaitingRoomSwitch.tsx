import { useId } from 'react';
import { DoorClosed, DoorOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sessionsApi } from '../../../api/endpoints.js';
import { useRoomSessionContext } from '../room-session-context.js';
import { useBusyAction } from '../useBusyAction.js';
import './lobby.css';

/**
 * The session's waiting room, on or off, from inside the room; for the host (the owner or an
 * admin: the session update API refuses co-hosts). The next joiner meets the new setting; turned
 * off, whoever waits is let in by the server.
 */
export function WaitingRoomSwitch() {
  const { session, setSession } = useRoomSessionContext();
  const { t } = useTranslation();
  const stateId = useId();
  const { busy, failed, run } = useBusyAction<true>();
  const on = session.waiting_room;

  const toggle = () =>
    run(true, async () =>
      setSession(await sessionsApi.update(session.session_id, { waiting_room: !on })),
    );

  const Icon = on ? DoorClosed : DoorOpen;
  const state = t(on ? 'lobby.switch.on' : 'lobby.switch.off');
  return (
    <>
      <button
        type="button"
        className="waiting-room-switch"
        aria-pressed={on}
        aria-describedby={stateId}
        title={state}
        disabled={busy}
        data-testid="toggle-waiting-room"
        onClick={() => void toggle()}
      >
        <Icon aria-hidden="true" size={16} />
        {t('lobby.switch.label')}
      </button>
      <span id={stateId} className="visually-hidden">
        {state}
      </span>
      {failed && (
        <span role="alert" className="room-error">
          {t('lobby.switch.failed')}
        </span>
      )}
    </>
  );
}
