import { useEffect, useState } from 'react';
import { useLiveKitRoom } from '../context/room-context.js';
import { watchFirstPicture } from '../core/first-picture.js';

/**
 * True once the room shows its first remote picture, or has none to show once connected
 * (see {@link watchFirstPicture}), or `capMs` after the first render, whichever comes first;
 * `initially` true skips the wait. What is not needed for that picture (side panels, toasts,
 * the role's controls) waits for it: mounted earlier, its rendering shares the main thread with
 * LiveKit's handshake, and each step of the handshake waits its turn.
 */
export function useFirstPicture({
  capMs,
  initially = false,
}: {
  capMs: number;
  initially?: boolean;
}): boolean {
  const { room } = useLiveKitRoom();
  const [shown, setShown] = useState(initially);
  useEffect(() => {
    if (shown) return;
    const cap = setTimeout(() => setShown(true), capMs);
    const stop = watchFirstPicture(room, () => setShown(true));
    return () => {
      clearTimeout(cap);
      stop();
    };
  }, [room, shown, capMs]);
  return shown;
}
