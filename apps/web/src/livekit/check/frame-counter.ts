/** Frames a `<video>` decoded since counting began, and the picture size. */
export interface DecodedFrames {
  frames: number;
  width: number;
  height: number;
}

/**
 * Resolves once `video` has decoded `wanted` new frames, counted with
 * `requestVideoFrameCallback` (one call per frame presented) and, where that is missing or
 * throttled, the element's playback quality; rejects after `timeoutMs` or when `signal` aborts,
 * saying how many came.
 */
export function waitForDecodedFrames(
  video: HTMLVideoElement,
  wanted: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DecodedFrames> {
  return new Promise((resolve, reject) => {
    const baseline = video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    let callbacks = 0;
    let handle: number | undefined;
    const count = () =>
      Math.max(callbacks, (video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) - baseline);
    const cleanup = () => {
      clearInterval(poll);
      clearTimeout(timer);
      if (handle !== undefined) video.cancelVideoFrameCallback?.(handle);
      signal.removeEventListener('abort', onAbort);
    };
    const check = () => {
      if (count() >= wanted && video.videoWidth > 0) {
        cleanup();
        resolve({ frames: count(), width: video.videoWidth, height: video.videoHeight });
      }
    };
    const onFrame = () => {
      callbacks += 1;
      check();
      handle = video.requestVideoFrameCallback(onFrame);
    };
    const onAbort = () => {
      cleanup();
      reject(new DOMException('aborted', 'AbortError'));
    };
    if ('requestVideoFrameCallback' in video) handle = video.requestVideoFrameCallback(onFrame);
    const poll = setInterval(check, 100);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${count()} of ${wanted} frames decoded in ${timeoutMs} ms`));
    }, timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * Keeps the current picture of `video` as its poster, so that the frame that came back through
 * the server stays on screen once the connection that brought it is closed.
 */
export function keepLastFrame(video: HTMLVideoElement): void {
  if (!video.videoWidth) return;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.drawImage(video, 0, 0);
  video.poster = canvas.toDataURL('image/jpeg', 0.85);
}
