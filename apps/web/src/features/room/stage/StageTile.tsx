import {
  isTrackReference,
  ParticipantTile,
  useIsMuted,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { MicOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ParticipantVideo } from '../../../livekit/index.js';
import { ConnectionQualityBadge } from './ConnectionQualityBadge.js';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
}

/**
 * One video on the stage (a camera or a screen share) or, for a speaker without a camera, their
 * initials over it. The video is there from the start, so LiveKit attaches the track the moment
 * it is subscribed, without waiting for a render. The tile and the video carry `data-identity`
 * and `data-lk-source`, so tests and styles can find whose video is which.
 */
export function StageTile({ trackRef }: { trackRef: TrackReferenceOrPlaceholder }) {
  const { t } = useTranslation();
  const { participant } = trackRef;
  const name = participant.name || participant.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const videoMuted = useIsMuted(trackRef);
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const caption = isScreen ? t('room.stage.screenOf', { name }) : name;
  const showVideo = isTrackReference(trackRef) && !videoMuted;
  return (
    <ParticipantTile
      trackRef={trackRef}
      className={isScreen ? 'stage-tile stage-tile--screen' : 'stage-tile'}
      data-identity={participant.identity}
      aria-label={caption}
      role="group"
    >
      <ParticipantVideo
        participant={participant}
        source={trackRef.source}
        className={showVideo ? 'stage-video' : 'stage-video stage-video--off'}
        data-identity={participant.identity}
      />
      {!showVideo && (
        <div className="stage-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <div className="stage-caption">
        <span className="stage-name">{caption}</span>
        {!isScreen && micMuted && (
          <span className="stage-mic-off" role="img" aria-label={t('room.stage.micOff')}>
            <MicOff aria-hidden="true" size={14} />
            {t('room.stage.micOffShort')}
          </span>
        )}
        <ConnectionQualityBadge participant={participant} />
      </div>
    </ParticipantTile>
  );
}
