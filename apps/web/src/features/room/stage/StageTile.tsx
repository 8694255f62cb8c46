import { isTrackReference, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { MicOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ParticipantVideo, useParticipantState } from '../../../livekit/index.js';
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
 * and `data-lk-source`, so tests and styles can find whose video is which; the tile carries
 * `data-lk-speaking` and `data-lk-local-participant` as components-react's `ParticipantTile` does
 * (one subscription here instead of its several).
 */
export function StageTile({ trackRef }: { trackRef: TrackReferenceOrPlaceholder }) {
  const { t } = useTranslation();
  const { participant } = trackRef;
  const name = participant.name || participant.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const { speaking, videoMuted, micMuted, quality } = useParticipantState(
    participant,
    trackRef.source,
  );
  const caption = isScreen ? t('room.stage.screenOf', { name }) : name;
  const showVideo = isTrackReference(trackRef) && !videoMuted;
  return (
    <div
      className={isScreen ? 'stage-tile stage-tile--screen' : 'stage-tile'}
      data-identity={participant.identity}
      data-lk-source={trackRef.source}
      data-lk-local-participant={participant.isLocal}
      data-lk-speaking={speaking}
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
        <ConnectionQualityBadge quality={quality} />
      </div>
    </div>
  );
}
