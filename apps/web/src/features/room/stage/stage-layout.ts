import { isTrackReference, type TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Track } from 'livekit-client';

/** How the stage lays its tiles out: all alike, or one speaker large with the others beside. */
export type StageLayout = 'grid' | 'speaker';

export const parseStageLayout = (stored: unknown): StageLayout =>
  stored === 'speaker' ? 'speaker' : 'grid';

/** What the stage shows large (`focus`, if anything) and the tiles around it, in order. */
export interface StageArrangement {
  focus: TrackReferenceOrPlaceholder | undefined;
  rest: TrackReferenceOrPlaceholder[];
}

/**
 * Arranges the stage. A stream from OBS (`feeds`, issue 15) is always in focus, else a shared
 * screen (the first, when several are); in the speaker layout without either, the camera of
 * `speaker` (who spoke last) is, else the first camera (the host's, by rank). `cameras` come
 * sorted by rank.
 */
export function arrangeStage(options: {
  layout: StageLayout;
  screens: TrackReferenceOrPlaceholder[];
  cameras: TrackReferenceOrPlaceholder[];
  speaker: string | undefined;
  /** The video of OBS streams (the `ingest` kind), the main picture when there is one. */
  feeds?: TrackReferenceOrPlaceholder[];
}): StageArrangement {
  const { layout, screens, cameras, speaker } = options;
  const [screen, ...otherScreens] = [
    ...(options.feeds ?? []).filter(isTrackReference),
    ...screens.filter((ref) => ref.source === Track.Source.ScreenShare && isTrackReference(ref)),
  ];
  if (screen) return { focus: screen, rest: [...otherScreens, ...cameras] };
  if (layout === 'grid' || cameras.length < 2) return { focus: undefined, rest: cameras };
  const focus = cameras.find((ref) => ref.participant.identity === speaker) ?? cameras[0];
  return { focus, rest: cameras.filter((ref) => ref !== focus) };
}
