import {
  isTrackReference,
  ParticipantTile,
  useIsMuted,
  VideoTrack,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useTranslation } from 'react-i18next';
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
 * initials. The tile and the video carry `data-identity`, and components-react adds
 * `data-lk-source`, so tests and styles can find whose video is which.
 */
export function StageTile({ trackRef }: { trackRef: TrackReferenceOrPlaceholder }) {
  const { t } = useTranslation();
  const { participant } = trackRef;
  const name = participant.name || participant.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const videoMuted = useIsMuted(trackRef);
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const caption = isScreen ? t('room.stage.screenOf', { name }) : name;
  return (
    <ParticipantTile
      trackRef={trackRef}
      className={isScreen ? 'stage-tile stage-tile--screen' : 'stage-tile'}
      data-identity={participant.identity}
      aria-label={caption}
      role="group"
    >
      {isTrackReference(trackRef) && !videoMuted ? (
        <VideoTrack
          trackRef={trackRef}
          className="stage-video"
          data-identity={participant.identity}
        />
      ) : (
        <div className="stage-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <div className="stage-caption">
        <span className="stage-name">{caption}</span>
        {!isScreen && micMuted && (
          <span className="stage-mic-off" role="img" aria-label={t('room.stage.micOff')}>
            {t('room.stage.micOffShort')}
          </span>
        )}
        <ConnectionQualityBadge participant={participant} />
      </div>
    </ParticipantTile>
  );
}
