import { useEffect, useReducer, useState } from 'react';
import { TrackEvent, type Track } from 'livekit-client';
import { openLevelProbe } from '../core/level-probe.js';

/** A LiveKit track, or a plain browser track such as a settings preview. */
export type MeterSource = Track | MediaStreamTrack;

// Smaller changes are not worth a re-render 60 times a second.
const MIN_CHANGE = 0.01;

function toMediaStreamTrack(source: MeterSource | undefined): MediaStreamTrack | undefined {
  if (!source) return undefined;
  return 'mediaStreamTrack' in source ? source.mediaStreamTrack : source;
}

/**
 * The live level (0..1) of an audio track, measured with a Web Audio AnalyserNode on every
 * animation frame. Follows LiveKit tracks across `restartTrack` (device or settings changes),
 * and closes its AudioContext when the track changes or the component unmounts: browsers cap
 * how many contexts a page may keep open.
 *
 * @returns 0 while there is no track or no Web Audio support
 */
export function useVolumeMeter(source: MeterSource | undefined): number {
  const [level, setLevel] = useState(0);
  // A restarted LiveKit track keeps its object but swaps the browser track inside it: render
  // again to pick up the new one.
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  useEffect(() => {
    if (!source || !('on' in source)) return;
    source.on(TrackEvent.Restarted, rerender);
    return () => {
      source.off(TrackEvent.Restarted, rerender);
    };
  }, [source]);

  const mediaStreamTrack = toMediaStreamTrack(source);

  useEffect(() => {
    setLevel(0);
    if (!mediaStreamTrack || mediaStreamTrack.kind !== 'audio') return;
    if (typeof AudioContext === 'undefined') return;

    const probe = openLevelProbe(mediaStreamTrack, 512);

    let frame = 0;
    let shown = 0;
    const measure = () => {
      const next = probe.read();
      if (Math.abs(next - shown) >= MIN_CHANGE) {
        shown = next;
        setLevel(next);
      }
      frame = requestAnimationFrame(measure);
    };
    frame = requestAnimationFrame(measure);

    return () => {
      cancelAnimationFrame(frame);
      probe.close();
    };
  }, [mediaStreamTrack]);

  return level;
}
