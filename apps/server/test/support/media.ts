import {
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoStream,
} from '@livekit/rtc-node';
import type { RemoteTrack } from '@livekit/rtc-node';
import { VideoSource } from '@livekit/rtc-node';

/**
 * Real LiveKit clients for tests (`@livekit/rtc-node`, the Rust WebRTC stack): a publisher that
 * sends a synthetic, changing video and a subscriber that counts frames it actually decoded.
 */

export interface Publisher {
  room: Room;
  stop(): Promise<void>;
}

export async function publishSyntheticVideo(
  url: string,
  token: string,
  fps = 15,
): Promise<Publisher> {
  const room = new Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  const camera = await publishSyntheticCamera(room, fps);
  return {
    room,
    stop: async () => {
      camera.stop();
      await room.disconnect();
    },
  };
}

/**
 * Publishes a synthetic, changing 320×240 camera on a connected room; `stop` ends the frames
 * (the track goes when the room disconnects).
 */
export async function publishSyntheticCamera(room: Room, fps = 15): Promise<{ stop(): void }> {
  const width = 320;
  const height = 240;
  const source = new VideoSource(width, height);
  const track = LocalVideoTrack.createVideoTrack('synthetic', source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_CAMERA;
  await room.localParticipant!.publishTrack(track, options);
  const data = new Uint8Array(width * height * 4);
  let tick = 0;
  const timer = setInterval(() => {
    // A moving bar: every frame differs, so the encoder really sends new pictures.
    tick += 1;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        const on = (x + tick * 4) % width < 40;
        data[i] = on ? 255 : 30;
        data[i + 1] = (y + tick) % 255;
        data[i + 2] = on ? 40 : 200;
        data[i + 3] = 255;
      }
    }
    source.captureFrame(new VideoFrame(data, width, height, VideoBufferType.RGBA));
  }, 1000 / fps);
  return { stop: () => clearInterval(timer) };
}

/** Connects, subscribes to the first remote video track, and resolves with the frames decoded. */
export async function receiveVideoFrames(
  url: string,
  token: string,
  wanted: number,
  timeoutMs = 20_000,
): Promise<{ frames: number; width: number; height: number; firstFrameMs: number }> {
  const room = new Room();
  const connectedAt = Date.now();
  const track = new Promise<RemoteTrack>((resolve) => {
    room.on(RoomEvent.TrackSubscribed, (t) => {
      if (t.kind === TrackKind.KIND_VIDEO) resolve(t);
    });
  });
  await room.connect(url, token, { autoSubscribe: true, dynacast: false });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`fewer than ${wanted} frames in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      (async () => {
        const stream = new VideoStream(await track);
        let frames = 0;
        let width = 0;
        let height = 0;
        let firstFrameMs = 0;
        const reader = stream.getReader();
        while (frames < wanted) {
          const { value, done } = await reader.read();
          if (done) break;
          if (frames === 0) firstFrameMs = Date.now() - connectedAt;
          frames += 1;
          width = value.frame.width;
          height = value.frame.height;
        }
        reader.releaseLock();
        return { frames, width, height, firstFrameMs };
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await room.disconnect();
  }
}

/** A connected client that only listens: for presence, kicks and room ends. */
export async function connectClient(url: string, token: string): Promise<Room> {
  const room = new Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  return room;
}

/**
 * The clients a test file connects, so that its afterAll disconnects every one before the stack
 * stops. `livekitUrl` is read at each connect: the stack starts in beforeAll, after this is made.
 */
export function clientPool(livekitUrl: () => string) {
  const rooms: Room[] = [];
  return {
    async connect(token: string): Promise<Room> {
      const room = await connectClient(livekitUrl(), token);
      rooms.push(room);
      return room;
    },
    async disconnectAll(): Promise<void> {
      await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)));
    },
  };
}
export type ClientPool = ReturnType<typeof clientPool>;

/**
 * Published probes stay referenced here: a track whose objects are garbage-collected is
 * unpublished by rtc-node, which would make later assertions about it meaningless.
 */
const probes: { source: VideoSource; track: LocalVideoTrack; timer: NodeJS.Timeout }[] = [];

/** Tries to publish a video track; resolves false when LiveKit refuses it (or it times out). */
export async function tryPublish(room: Room, timeoutMs = 5_000): Promise<boolean> {
  const source = new VideoSource(64, 64);
  const track = LocalVideoTrack.createVideoTrack('probe', source);
  const frame = new VideoFrame(new Uint8Array(64 * 64 * 4).fill(128), 64, 64, VideoBufferType.RGBA);
  const feeder = setInterval(() => source.captureFrame(frame), 100);
  feeder.unref();
  probes.push({ source, track, timer: feeder });
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_CAMERA;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      room.localParticipant!.publishTrack(track, options),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('publish timed out')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
