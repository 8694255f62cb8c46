import { Room, RoomEvent, Track, type RemoteTrack, type RoomConnectOptions } from 'livekit-client';
import { withTimeout } from '../../lib/with-timeout.js';
import { keepLastFrame, waitForDecodedFrames, type DecodedFrames } from './frame-counter.js';

/** Where and as whom the check connects: the API's check token, in livekit-client's terms. */
export interface CheckConnectionDetails {
  serverUrl: string;
  publisherToken: string;
  receiverToken: string;
}

/** The API's answer, or why there is none. */
export type CheckDetailsResult =
  | { ok: true; details: CheckConnectionDetails }
  | { ok: false; reason: 'api_rate_limited' | 'api_failed' };

/** How long each step may take before it counts as failed. */
export const CHECK_TIMEOUTS = {
  peerConnection: 10_000,
  subscribe: 8_000,
  frames: 8_000,
  relayGather: 5_000,
  relayConnect: 8_000,
  relayFrames: 6_000,
  /** The microphone line turns to a warning after this long without sound, and keeps listening. */
  silence: 8_000,
};

/** The rooms a check run has open, so that stopping the run leaves every one of them. */
export class CheckRooms {
  private readonly open = new Set<Room>();

  create(): Room {
    // No adaptive stream: the check wants every frame, whatever the element's size.
    const room = new Room({ adaptiveStream: false, dynacast: false });
    this.open.add(room);
    return room;
  }

  /** Forgets the room without leaving it (a room that stays connected on purpose). */
  release(room: Room): void {
    this.open.delete(room);
  }

  async leave(room: Room): Promise<void> {
    this.open.delete(room);
    await room.disconnect().catch(() => undefined);
  }

  leaveAll(): void {
    for (const room of this.open) void room.disconnect();
    this.open.clear();
  }
}

/**
 * Connects as the receiver (relay-only through `relay` when given) and, when `frames` is not
 * 0, waits for that many decoded frames of the publisher's camera in `video`.
 */
export async function receiveVideo(options: {
  rooms: CheckRooms;
  details: CheckConnectionDetails;
  video: HTMLVideoElement;
  signal: AbortSignal;
  frames: number;
  framesTimeout: number;
  relay?: RTCIceServer[];
}): Promise<{ connected: boolean; frames?: DecodedFrames; ms: number }> {
  const { rooms, details, video } = options;
  const room = rooms.create();
  const subscribed = new Promise<RemoteTrack>((resolve) => {
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Video) resolve(track);
    });
  });
  const connectOptions: RoomConnectOptions = {
    autoSubscribe: true,
    maxRetries: 0,
    peerConnectionTimeout: options.relay
      ? CHECK_TIMEOUTS.relayConnect
      : CHECK_TIMEOUTS.peerConnection,
    // Our ICE servers replace the server's, so only this one transport is tried.
    ...(options.relay
      ? { rtcConfig: { iceServers: options.relay, iceTransportPolicy: 'relay' } }
      : {}),
  };
  const started = performance.now();
  try {
    await room.connect(details.serverUrl, details.receiverToken, connectOptions);
  } catch {
    await rooms.leave(room);
    return { connected: false, ms: Math.round(performance.now() - started) };
  }
  const ms = Math.round(performance.now() - started);
  try {
    if (options.frames === 0) return { connected: true, ms };
    const track = await withTimeout(subscribed, CHECK_TIMEOUTS.subscribe, 'subscription');
    track.attach(video);
    const frames = await waitForDecodedFrames(
      video,
      options.frames,
      options.framesTimeout,
      options.signal,
    );
    keepLastFrame(video);
    return { connected: true, frames, ms };
  } catch {
    return { connected: true, ms };
  } finally {
    await rooms.leave(room);
  }
}
