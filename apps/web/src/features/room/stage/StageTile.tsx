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
 * initials over it. The video is rendered as soon as the participant is listed: a track that is
 * already there is attached at once, a later one in LiveKit's own subscription event, without a
 * render. (On a first join livekit-client lists the others together with their tracks, so there
 * the attach waits for this render; the stage's early video shows the first one meanwhile: see
 * `useEarlyVideo` and ARCHITECTURE.) The tile and the video carry `data-identity`
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
