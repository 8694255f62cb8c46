import {
  ConnectionState,
  DefaultReconnectPolicy,
  Room,
  RoomEvent,
  type RoomOptions,
} from 'livekit-client';
import { startEarlyVideo } from './early-video.js';

/** What our API returns for a join: where LiveKit is and the token to present there. */
export interface ConnectionDetails {
  server_url: string;
  access_token: string;
}

/** Which step of joining failed, for the UI to branch on (never on messages). */
export type RoomConnectionErrorCode = 'connection_details' | 'connect';

/** A failed join, with the step that failed and the original error as `cause`. */
export class RoomConnectionError extends Error {
  override readonly name = 'RoomConnectionError';

  constructor(
    readonly code: RoomConnectionErrorCode,
    cause: unknown,
  ) {
    super(
      code === 'connection_details'
        ? 'Could not get the connection details from the API'
        : 'Could not connect to the LiveKit server',
      { cause },
    );
  }
}

/**
 * When LiveKit's client tries again after losing the server (ms after each failure; null after
 * the last). Its default waits 2.7 s, then 4.8 s, then 7 s (plus up to 1 s of jitter) from the
 * third try on, so a server restarted within a second (our supervisor's case) is found only 6 s
 * later. These tries are denser in the first seconds and end after about the same 40 s.
 */
export const RECONNECT_DELAYS_MS = [
  0, 300, 600, 1000, 1500, 2000, 3000, 4000, 5000, 7000, 7000, 7000,
];

/**
 * A room with our defaults. Adaptive stream pauses video nobody sees and dynacast stops layers
 * nobody subscribes to: both save bandwidth for everyone in a session.
 */
export function createRoom(options?: RoomOptions): Room {
  return new Room({
    adaptiveStream: true,
    dynacast: true,
    reconnectPolicy: new DefaultReconnectPolicy(RECONNECT_DELAYS_MS),
    ...options,
  });
}

/**
 * Lets `room` play audio, from inside the user's click on Join: an AudioContext made in a user
 * gesture runs at once, so the session's sound needs no extra click where the browser blocks
 * autoplay. Made now, while our API answers the join, it is also off the connection's path
 * (livekit-client otherwise makes it at the start of `connect`: ~10 ms before the signal opens).
 */
export function unlockRoomAudio(room: Room): void {
  room.startAudio().catch(() => undefined);
}

/** A first connection under way: its room, and when its connect has ended either way. */
export interface EarlyConnection {
  room: Room;
  settled: Promise<void>;
}

/**
 * Starts connecting a room (a new one, or one made ahead with {@link createRoom}) at once,
 * before any UI is rendered around it, and takes its first remote video from the start
 * ({@link startEarlyVideo}), so that the room view can render after the handshake. Hand the
 * room to `LiveKitRoomProvider` as `room`: its own `connect` with the same details joins this
 * attempt (livekit-client returns the pending one, or nothing to do once connected) and reports
 * how it ends; a failure here is left for it to report.
 */
export function connectEarly(
  details: ConnectionDetails,
  room: Room = createRoom(),
): EarlyConnection {
  startEarlyVideo(room);
  const settled = room.connect(details.server_url, details.access_token).then(
    () => undefined,
    () => undefined,
  );
  return { room, settled };
}

/**
 * Fetches connection details, then connects `room` with them (a room already connecting with
 * them, from {@link connectEarly}, is not connected twice). Stops quietly (without connecting
 * or throwing) once `signal` aborts, so an unmounted provider leaves no connection behind.
 */
export async function connectRoom(
  room: Room,
  fetchConnectionDetails: () => Promise<ConnectionDetails>,
  signal: AbortSignal,
): Promise<void> {
  let details: ConnectionDetails;
  try {
    details = await fetchConnectionDetails();
  } catch (error) {
    if (signal.aborted) return;
    throw new RoomConnectionError('connection_details', error);
  }
  if (signal.aborted) return;
  try {
    await room.connect(details.server_url, details.access_token);
  } catch (error) {
    if (signal.aborted) return;
    throw new RoomConnectionError('connect', error);
  }
}

/** Calls `onChange` with the room's connection state now and on every change. */
export function observeConnectionState(
  room: Room,
  onChange: (state: ConnectionState) => void,
): () => void {
  const listener = (state: ConnectionState) => onChange(state);
  room.on(RoomEvent.ConnectionStateChanged, listener);
  onChange(room.state);
  return () => {
    room.off(RoomEvent.ConnectionStateChanged, listener);
  };
}

/** True while LiveKit is restoring a dropped connection (media or signalling). */
export function isReconnecting(state: ConnectionState): boolean {
  return state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
}
