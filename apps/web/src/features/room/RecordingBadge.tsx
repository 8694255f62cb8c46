import { useTranslation } from 'react-i18next';
import { useRecordingOn } from './useRecordingOn.js';

/** Tells everyone in the room that it is being recorded. */
export function RecordingBadge() {
  const { t } = useTranslation();
  if (!useRecordingOn()) return null;
  return (
    <div role="status" className="room-recording" data-testid="recording-indicator">
      <span aria-hidden="true">●</span> {t('room.controls.recordingOn')}
    </div>
  );
}
