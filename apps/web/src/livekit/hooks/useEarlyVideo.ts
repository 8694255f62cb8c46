import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useLiveKitRoom } from '../context/room-context.js';
import { showFirstVideoEarly, takeEarlyVideo, type EarlyVideo } from '../core/early-video.js';

/**
 * Shows the room's first remote video in `host` before its tile is rendered (see
 * {@link showFirstVideoEarly}), while `waiting` (no tile yet); once it is false the tiles'
 * own elements take over. `className` styles the early `<video>`.
 */
export function useEarlyVideo(
  host: RefObject<HTMLElement | null>,
  waiting: boolean,
  className: string,
): void {
  const { room } = useLiveKitRoom();
  const early = useRef<EarlyVideo | undefined>(undefined);
  useLayoutEffect(() => {
    // The one taken since the connect began (connectEarly), or one taken from now on.
    const shown =
      takeEarlyVideo(room, host.current!, className) ??
      showFirstVideoEarly(room, host.current!, className);
    early.current = shown;
    return () => {
      shown.stop();
      early.current = undefined;
    };
  }, [room, host, className]);
  // After the tiles' own effects (a parent's run after its children's): their videos are attached.
  useLayoutEffect(() => {
    if (!waiting) early.current?.handOver();
  }, [waiting, room]);
}
