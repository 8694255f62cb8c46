import type { TrackReferenceOrPlaceholder } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { arrangeStage, parseStageLayout } from './stage-layout.js';

const ref = (identity: string, source: Track.Source, published = true) =>
  ({
    participant: { identity },
    source,
    ...(published ? { publication: { trackSid: `TR_${identity}` } } : {}),
  }) as unknown as TrackReferenceOrPlaceholder;

const host = ref('user:host', Track.Source.Camera);
const ann = ref('user:ann', Track.Source.Camera);
const bo = ref('guest:bo', Track.Source.Camera, false);
const names = (refs: TrackReferenceOrPlaceholder[]) => refs.map((r) => r.participant.identity);

const screen = ref('user:ann', Track.Source.ScreenShare);
/** The arrangement of Ann's shared screen and two cameras in the grid and in the speaker layout. */
const inBothLayouts = (input: Pick<Parameters<typeof arrangeStage>[0], 'speaker' | 'feeds'>) =>
  (['grid', 'speaker'] as const).map((layout) =>
    arrangeStage({ layout, screens: [screen], cameras: [host, ann], ...input }),
  );

describe('the stage arrangement', () => {
  it('shows every camera alike in the grid', () => {
    const { focus, rest } = arrangeStage({
      layout: 'grid',
      screens: [],
      cameras: [host, ann, bo],
      speaker: 'user:ann',
    });
    expect(focus).toBeUndefined();
    expect(names(rest)).toEqual(['user:host', 'user:ann', 'guest:bo']);
  });

  it('puts whoever spoke last in focus in the speaker layout, else the first by rank', () => {
    const spoke = arrangeStage({
      layout: 'speaker',
      screens: [],
      cameras: [host, ann, bo],
      speaker: 'guest:bo',
    });
    expect(spoke.focus?.participant.identity).toBe('guest:bo');
    expect(names(spoke.rest)).toEqual(['user:host', 'user:ann']);
    const silent = arrangeStage({
      layout: 'speaker',
      screens: [],
      cameras: [host, ann],
      speaker: undefined,
    });
    expect(silent.focus?.participant.identity).toBe('user:host');
    expect(names(silent.rest)).toEqual(['user:ann']);
  });

  it('keeps a shared screen in focus in either layout', () => {
    for (const { focus, rest } of inBothLayouts({ speaker: 'user:host' })) {
      expect(focus).toBe(screen);
      expect(names(rest)).toEqual(['user:host', 'user:ann']);
    }
  });

  it('reads a stored layout, falling back to the grid', () => {
    expect(parseStageLayout('speaker')).toBe('speaker');
    expect(parseStageLayout('sideways')).toBe('grid');
    expect(parseStageLayout(undefined)).toBe('grid');
  });

  it('puts a stream from OBS in focus in either layout, before a shared screen', () => {
    const obs = ref('ingest:k1', Track.Source.Camera);
    for (const { focus, rest } of inBothLayouts({ speaker: 'user:ann', feeds: [obs] })) {
      expect(focus?.participant.identity).toBe('ingest:k1');
      expect(names(rest)).toEqual(['user:ann', 'user:host', 'user:ann']);
    }
    // Not publishing yet: no focus for it.
    const waiting = arrangeStage({
      layout: 'grid',
      screens: [],
      cameras: [host],
      speaker: undefined,
      feeds: [ref('ingest:k1', Track.Source.Camera, false)],
    });
    expect(waiting.focus).toBeUndefined();
  });
});
