import { useEffect, useRef } from 'react';
import type { LocalTrack } from 'livekit-client';

/**
 * Restarts a live local track when its capture options change, so new settings reach the
 * published track without rejoining (remote participants keep the same track).
 *
 * A muted track is left alone (restarting it would turn the device back on) and is updated
 * when it is unmuted: livekit-client unmutes with the options the track was created with.
 *
 * @param track - the local track, if published
 * @param live - whether it is currently unmuted
 * @param optionsKey - a serialization of the options; a change triggers the restart
 * @param restart - restarts the track with the current options
 */
export function useApplyCaptureOptions<T extends LocalTrack>(
  track: T | undefined,
  live: boolean,
  optionsKey: string,
  restart: (track: T) => Promise<void>,
): void {
  // The options each track was last started with; a track seen for the first time was just
  // created from the current options.
  const applied = useRef(new WeakMap<T, string>());
  const restartRef = useRef(restart);
  useEffect(() => {
    restartRef.current = restart;
  });

  useEffect(() => {
    if (!track) return;
    const last = applied.current.get(track);
    if (last === undefined) {
      applied.current.set(track, optionsKey);
      return;
    }
    if (last === optionsKey || !live) return;
    applied.current.set(track, optionsKey);
    void restartRef.current(track);
  }, [track, live, optionsKey]);
}
