import { useEffect, useRef } from 'react';

/** Plays a local camera track, mirrored like a mirror; muted, so it never echoes. */
export function PreviewVideo({ track, label }: { track: MediaStreamTrack; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element || typeof MediaStream === 'undefined') return;
    element.srcObject = new MediaStream([track]);
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={video}
      className="prejoin-video"
      autoPlay
      muted
      playsInline
      aria-label={label}
      data-testid="prejoin-preview"
    />
  );
}
