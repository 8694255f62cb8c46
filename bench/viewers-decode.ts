// The proof that the pictures bench/viewers.ts sends are whole: a few viewers that really decode
// the video (`@livekit/rtc-node`, LiveKit's Rust WebRTC stack with its decoders), joined for a
// short window after each step's measurement, so their CPU stays out of the step's figures.
import { Room, RoomEvent, TrackKind, VideoBufferType, VideoStream } from '@livekit/rtc-node';
import type { RemoteTrack, VideoFrame } from '@livekit/rtc-node';

export interface DecodeResult {
  /** Frames decoded in the window (after the first one). */
  frames: number;
  fps: number;
  /** Frames per decoded size, e.g. {"1280x720": 88}. */
  sizes: Record<string, number>;
  /** Frames of the size expected. */
  expectedSizeFrames: number;
  /** Connect to the first decoded frame. */
  firstFrameMs: number;
  /**
   * Spread (standard deviation) of the luma of the last frame's sampled pixels: a test picture
   * of colour bars and moving shapes has a wide one; a grey or black frame has none.
   */
  lumaStdDev: number;
  error?: string;
}

/** Luma standard deviation over a grid of pixels of an I420 frame. */
function lumaSpread(frame: VideoFrame): number {
  const i420 = frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
  const { width, height, data } = i420;
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let y = 0; y < height; y += 8) {
    for (let x = 0; x < width; x += 8) {
      const v = data[y * width + x]!;
      sum += v;
      squares += v * v;
      n += 1;
    }
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}

/**
 * Connects with `token`, decodes the first remote video track for `seconds` after its first
 * frame, and disconnects. Never throws: a failure is in `error`.
 */
export async function decodeWindow(
  url: string,
  token: string,
  seconds: number,
  expected: { width: number; height: number },
): Promise<DecodeResult> {
  const result: DecodeResult = {
    frames: 0,
    fps: 0,
    sizes: {},
    expectedSizeFrames: 0,
    firstFrameMs: -1,
    lumaStdDev: 0,
  };
  const room = new Room();
  const started = Date.now();
  const track = new Promise<RemoteTrack>((resolve) => {
    room.on(RoomEvent.TrackSubscribed, (t) => {
      if (t.kind === TrackKind.KIND_VIDEO) resolve(t);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await room.connect(url, token, { autoSubscribe: true, dynacast: false });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no frame within 15 s')), 15_000 + seconds * 1000);
    });
    await Promise.race([
      (async () => {
        const reader = new VideoStream(await track).getReader();
        let firstAt = 0;
        let last: VideoFrame | undefined;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const now = Date.now();
          if (!firstAt) {
            firstAt = now;
            result.firstFrameMs = now - started;
            continue;
          }
          if (now - firstAt > seconds * 1000) break;
          const { width, height } = value.frame;
          const size = `${width}x${height}`;
          result.sizes[size] = (result.sizes[size] ?? 0) + 1;
          if (width === expected.width && height === expected.height)
            result.expectedSizeFrames += 1;
          result.frames += 1;
          last = value.frame;
        }
        reader.releaseLock();
        result.fps = Math.round((result.frames / seconds) * 10) / 10;
        if (last) result.lumaStdDev = Math.round(lumaSpread(last) * 10) / 10;
      })(),
      timeout,
    ]);
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
    await room.disconnect().catch(() => undefined);
  }
  return result;
}
