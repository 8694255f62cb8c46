import { memo, useCallback, useRef } from 'react';
import {
  isTrackReference,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { INGEST_KIND } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { useEarlyVideo } from '../../../livekit/index.js';
import { usePersistedState } from '../../../livekit/hooks/usePersistedState.js';
import { canPublish, parseRole, ROLE_RANK } from '../roles.js';
import { arrangeStage, parseStageLayout } from './stage-layout.js';
import { StageTile } from './StageTile.js';
import { StageToolbar } from './StageToolbar.js';
import { useFullscreen } from './useFullscreen.js';
import { useLastSpeaker } from './useLastSpeaker.js';
import './stage.css';

const SOURCES = [
  { source: Track.Source.Camera, withPlaceholder: true },
  { source: Track.Source.ScreenShare, withPlaceholder: false },
];

function rank(ref: TrackReferenceOrPlaceholder): number {
  return ROLE_RANK[parseRole(ref.participant.attributes.role) ?? 'viewer'];
}

// Publishers appear even with the camera off; a viewer only with a real track (never, normally).
function onStage(ref: TrackReferenceOrPlaceholder): boolean {
  const role = parseRole(ref.participant.attributes.role);
  return isTrackReference(ref) || (role !== undefined && canPublish(role));
}

// A stream from OBS (issue 15): its video is the stage's main picture.
const isIngest = (ref: TrackReferenceOrPlaceholder) =>
  ref.participant.attributes.kind === INGEST_KIND;

const keyOf = (ref: TrackReferenceOrPlaceholder) => `${ref.participant.identity}:${ref.source}`;

/**
 * The stage: speakers' cameras in a grid, or in the speaker layout the last speaker large with
 * the others in a strip beside (below, on a phone); a shared screen is always in focus. The
 * layout is remembered in this browser; the stage can go full screen. Memoized: it follows its
 * own tracks, and the room view's re-renders (connection state, participants, hands) would
 * otherwise redo every tile while LiveKit is connecting.
 */
export const Stage = memo(function Stage() {
  const { t } = useTranslation();
  const refs = useTracks(SOURCES, { onlySubscribed: false }).filter(onStage);
  const [layout, setLayout] = usePersistedState('stageLayout', parseStageLayout);
  const speaker = useLastSpeaker();
  const section = useRef<HTMLElement | null>(null);
  const fullscreen = useFullscreen(section);
  const setSection = useCallback((element: HTMLElement | null) => {
    section.current = element;
  }, []);
  const earlyHost = useRef<HTMLDivElement | null>(null);
  // A first join's first remote video, over the stage until its tile shows it (useEarlyVideo).
  useEarlyVideo(
    earlyHost,
    refs.every((ref) => ref.participant.isLocal),
    'stage-early-video',
  );
  // At the same place in both layouts, so that React keeps the element (and its video).
  const early = <div ref={earlyHost} className="stage-early" aria-hidden="true" />;

  if (refs.length === 0) {
    return (
      <section
        className="stage stage--empty"
        data-testid="stage"
        aria-label={t('room.stage.label')}
      >
        {early}
        <p>{t('room.stage.empty')}</p>
      </section>
    );
  }
  const { focus, rest } = arrangeStage({
    layout,
    screens: refs.filter((ref) => ref.source === Track.Source.ScreenShare),
    cameras: refs
      .filter((ref) => ref.source === Track.Source.Camera && !isIngest(ref))
      .sort((a, b) => rank(a) - rank(b)),
    feeds: refs.filter((ref) => ref.source === Track.Source.Camera && isIngest(ref)),
    speaker,
  });
  return (
    <section
      ref={setSection}
      className={focus ? 'stage stage--focus' : 'stage stage--grid'}
      data-testid="stage"
      data-layout={layout}
      aria-label={t('room.stage.label')}
    >
      {early}
      <StageToolbar layout={layout} onLayout={setLayout} fullscreen={fullscreen} />
      {focus && (
        <div className="stage-focus">
          <StageTile key={keyOf(focus)} trackRef={focus} />
        </div>
      )}
      {rest.length > 0 && (
        <div className={focus ? 'stage-strip' : 'stage-grid'} data-count={Math.min(rest.length, 9)}>
          {rest.map((ref) => (
            <StageTile key={keyOf(ref)} trackRef={ref} />
          ))}
        </div>
      )}
    </section>
  );
});
