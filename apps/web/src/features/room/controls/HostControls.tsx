import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionsApi } from '../../../api/endpoints.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { useRoomSessionContext } from '../room-session-context.js';
import { useRecordingOn } from '../useRecordingOn.js';

/** Go live, record, end the session; for the host only. */
export function HostControls() {
  const { session, setSession, block } = useRoomSessionContext();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState<'start' | 'end' | 'record' | undefined>(undefined);
  const recording = useRecordingOn();

  const toggleRecording = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      if (recording) await sessionsApi.stopRecording(session.session_id);
      else await sessionsApi.startRecording(session.session_id);
    } catch {
      setFailed('record');
    } finally {
      setBusy(false);
    }
  };

  const run = async (action: 'start' | 'end') => {
    setBusy(true);
    setFailed(undefined);
    try {
      if (action === 'start') setSession(await sessionsApi.start(session.session_id));
      else {
        await sessionsApi.end(session.session_id);
        block({ kind: 'ended' });
      }
    } catch {
      setFailed(action);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {session.status === 'scheduled' && (
        <button
          type="button"
          className="primary"
          data-testid="go-live"
          disabled={busy}
          onClick={() => void run('start')}
        >
          {t('room.controls.goLive')}
        </button>
      )}
      {session.status === 'live' && (
        <button
          type="button"
          data-testid="toggle-recording"
          aria-pressed={recording}
          disabled={busy}
          onClick={() => void toggleRecording()}
        >
          {recording ? t('room.controls.stopRecording') : t('room.controls.record')}
        </button>
      )}
      <a
        href={`/live/${session.session_id}/recordings`}
        target="_blank"
        rel="noopener"
        className="button"
        data-testid="open-recordings"
      >
        {t('shell.recordings.link')}
      </a>
      <button
        type="button"
        className="danger"
        data-testid="end-session"
        disabled={busy}
        onClick={() => setConfirming(true)}
      >
        {t('room.controls.endSession')}
      </button>
      {failed && (
        <p role="alert" className="room-error room-controls-error">
          {t(
            failed === 'start'
              ? 'room.controls.goLiveFailed'
              : failed === 'record'
                ? 'room.controls.recordingFailed'
                : 'room.controls.endFailed',
          )}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('room.confirm.endTitle')}
        body={t('room.confirm.endBody')}
        confirmLabel={t('room.controls.endSession')}
        onConfirm={() => void run('end')}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
