import { useState } from 'react';
import { Cast, CircleDot, CircleStop, Film, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sessionsApi } from '../../../api/endpoints.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { IngestDialog } from '../ingest/IngestDialog.js';
import { useRoomSessionContext } from '../room-session-context.js';
import { useBusyAction } from '../useBusyAction.js';
import { useRecordingOn } from '../useRecordingOn.js';
import { ControlButton } from './ControlButton.js';
import { ToggleButton } from './ToggleButton.js';
import { RoomError } from '../RoomError.js';

/** Go live, record, stream from OBS, end the session; for the host only. */
export function HostControls() {
  const { session, setSession, block } = useRoomSessionContext();
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [ingestOpen, setIngestOpen] = useState(false);
  const { busy, failed, run: act } = useBusyAction<'start' | 'end' | 'record'>();
  const recording = useRecordingOn();

  const toggleRecording = () =>
    act('record', () =>
      recording
        ? sessionsApi.stopRecording(session.session_id)
        : sessionsApi.startRecording(session.session_id),
    );

  const run = (action: 'start' | 'end') =>
    act(action, async () => {
      if (action === 'start') setSession(await sessionsApi.start(session.session_id));
      else {
        await sessionsApi.end(session.session_id);
        block({ kind: 'ended' });
      }
    });

  return (
    <>
      {session.status === 'scheduled' && (
        <ControlButton
          testId="go-live"
          icon={Radio}
          label={t('room.controls.goLive')}
          kind="primary"
          disabled={busy}
          onClick={() => void run('start')}
        />
      )}
      {session.status === 'live' && (
        <ToggleButton
          testId="toggle-recording"
          label={t('room.controls.record')}
          variant="recording"
          icon={CircleDot}
          pressed={recording}
          disabled={busy}
          title={recording ? t('room.controls.stopRecording') : undefined}
          onClick={() => void toggleRecording()}
        />
      )}
      <a
        href={`/live/${session.session_id}/recordings`}
        target="_blank"
        rel="noopener"
        className="button control"
        data-testid="open-recordings"
      >
        <Film aria-hidden="true" size={20} />
        <span className="control-label">{t('shell.recordings.link')}</span>
      </a>
      {session.status !== 'ended' && (
        <ControlButton
          testId="open-ingest"
          icon={Cast}
          label={t('ingest.open')}
          opensDialog
          onClick={() => setIngestOpen(true)}
        />
      )}
      <ControlButton
        testId="end-session"
        icon={CircleStop}
        label={t('room.controls.endSession')}
        kind="danger"
        disabled={busy}
        onClick={() => setConfirming(true)}
      />
      {failed && (
        <RoomError className="room-controls-error">
          {t(
            failed === 'start'
              ? 'room.controls.goLiveFailed'
              : failed === 'record'
                ? 'room.controls.recordingFailed'
                : 'room.controls.endFailed',
          )}
        </RoomError>
      )}
      <IngestDialog
        open={ingestOpen}
        sessionId={session.session_id}
        onClose={() => setIngestOpen(false)}
      />
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
