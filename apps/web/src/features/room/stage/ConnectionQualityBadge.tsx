import { useConnectionQualityIndicator } from '@livekit/components-react';
import type { Participant } from 'livekit-client';
import type { ParticipantState } from '../../../livekit/index.js';
import { useTranslation } from 'react-i18next';
import './quality.css';

const BARS = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 } as const;

/** LiveKit's connection quality for one participant, as bars with a spoken label. */
export function ConnectionQualityBadge({ quality }: { quality: ParticipantState['quality'] }) {
  const { t } = useTranslation();
  const label = t('room.quality.label', { quality: t(`room.quality.${quality}`) });
  return (
    <span
      className={`quality quality--${quality}`}
      role="img"
      aria-label={label}
      title={label}
      data-quality={quality}
    >
      {[1, 2, 3].map((bar) => (
        <span key={bar} className={bar <= BARS[quality] ? 'quality-bar on' : 'quality-bar'} />
      ))}
    </span>
  );
}

/** The badge for a participant whose other state is not shown (the people list). */
export function ParticipantQualityBadge({ participant }: { participant: Participant }) {
  const { quality } = useConnectionQualityIndicator({ participant });
  return <ConnectionQualityBadge quality={quality} />;
}
