import { useAudioPlayback } from '@livekit/components-react';
import { useTranslation } from 'react-i18next';
import { useLiveKitRoom } from '../../livekit/index.js';

/** Shown when the browser blocked autoplay: one click lets the room's sound play. */
export function StartAudioButton() {
  const { t } = useTranslation();
  const { room } = useLiveKitRoom();
  const { canPlayAudio, startAudio } = useAudioPlayback(room);
  if (canPlayAudio) return null;
  return (
    <button
      type="button"
      className="primary room-start-audio"
      data-testid="start-audio"
      onClick={() => void startAudio()}
    >
      {t('room.startAudio')}
    </button>
  );
}
