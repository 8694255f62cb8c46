import { DisconnectReason, Room, RoomEvent, TrackKind, VideoStream } from '@livekit/rtc-node';
import type { RemoteTrack } from '@livekit/rtc-node';
import { publishSyntheticCamera } from './media.js';
import { waitFor } from './processes.js';

/**
 * A class member as the web app is one (`useRoomSession`): a real client that, when LiveKit
 * drops it, joins again through the API (a fresh token and the server's current verdict) with
 * backoff, then publishes again.
 *
 * Unlike the web app, it does not let its SDK restore the connection first: after a
 * livekit-server restart, rtc-node's own full reconnect at times (about 1 run in 3 here) joins
 * the new server without republishing, while the SDK still lists the publication, so no frame
 * ever comes (seen on 2026-12-01: the new server logged the host's session but no
 * `mediaTrack published`). livekit-client in the browser republishes; the Chromium test of the
 * same kill covers that path. It counts every remote video frame it decodes, across connections, with the time of the
 * last one, so a test can say when pictures came back.
 */
export interface RejoiningClient {
  /** Remote video frames decoded so far, over every connection. */
  readonly frames: number;
  /** When the last remote frame was decoded (0: never). */
  readonly lastFrameAt: number;
  /** How many times it joined again through the API after LiveKit dropped it. */
  readonly rejoins: number;
  /** How many times its connection dropped (LiveKit reconnecting it, or giving up). */
  readonly drops: number;
  /** The current connection. */
  readonly room: Room;
  /** What happened, in order, for a failing test's message. */
  readonly events: string[];
  /** Until `count` more frames than `after` were decoded; resolves when it is so. */
  waitForFrames(after: number, count: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

export interface JoinAnswer {
  server_url: string;
  access_token: string;
}

/** Wait before rejoin attempt `attempt` (1-based), as the web app waits: 1 s, 2 s, 4 s, 8 s. */
const rejoinDelay = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 8_000);

export async function rejoiningClient(options: {
  /** Asks the API for a token (`POST …/join`). */
  join: () => Promise<JoinAnswer>;
  /** Publish a synthetic camera on every connection. */
  publish?: boolean;
  /** Subscribe to everything and decode the video. */
  subscribe?: boolean;
}): Promise<RejoiningClient> {
  const started = Date.now();
  const events: string[] = [];
  const note = (what: string) =>
    events.push(`${((Date.now() - started) / 1000).toFixed(2)} s ${what}`);
  let frames = 0;
  let lastFrameAt = 0;
  let rejoins = 0;
  let drops = 0;
  let stopped = false;
  let camera: { stop(): void } | undefined;
  let room: Room;

  const decode = async (track: RemoteTrack) => {
    const reader = new VideoStream(track).getReader();
    try {
      for (;;) {
        const { done } = await reader.read();
        if (done) return;
        frames += 1;
        lastFrameAt = Date.now();
      }
    } catch {
      // The track went away with its connection.
    } finally {
      reader.releaseLock();
    }
  };

  async function connect(): Promise<void> {
    const answer = await options.join();
    const next = new Room();
    next.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind !== TrackKind.KIND_VIDEO) return;
      note('video subscribed');
      void decode(track);
    });
    next.on(RoomEvent.Reconnecting, () => {
      drops += 1;
      note('reconnecting: leaving, to join again through the API');
      if (next !== room || stopped) return;
      void next.disconnect().catch(() => undefined);
      void rejoin();
    });
    next.on(RoomEvent.Reconnected, () => note('reconnected'));
    next.on(RoomEvent.Disconnected, (reason) => {
      note(`disconnected (${DisconnectReason[reason] ?? reason})`);
      if (next === room && !stopped && reason !== DisconnectReason.CLIENT_INITIATED) {
        drops += 1;
        void rejoin();
      }
    });
    try {
      await next.connect(answer.server_url, answer.access_token, {
        autoSubscribe: options.subscribe ?? false,
        dynacast: false,
      });
      room = next;
      if (options.publish) {
        camera?.stop();
        camera = await publishSyntheticCamera(next);
      }
    } catch (err) {
      await next.disconnect().catch(() => undefined);
      throw err;
    }
    note('connected');
  }

  let rejoining = false;
  async function rejoin(): Promise<void> {
    if (rejoining) return;
    rejoining = true;
    try {
      await rejoinWithBackoff();
    } finally {
      rejoining = false;
    }
  }

  async function rejoinWithBackoff(): Promise<void> {
    for (let attempt = 1; !stopped; attempt += 1) {
      await new Promise((r) => setTimeout(r, rejoinDelay(attempt)));
      if (stopped) return;
      try {
        await connect();
        rejoins += 1;
        note(`rejoined through the API (attempt ${attempt})`);
        return;
      } catch (err) {
        note(`rejoin attempt ${attempt} failed: ${(err as Error).message}`);
      }
    }
  }

  await connect();
  return {
    get frames() {
      return frames;
    },
    get lastFrameAt() {
      return lastFrameAt;
    },
    get rejoins() {
      return rejoins;
    },
    get drops() {
      return drops;
    },
    get room() {
      return room;
    },
    events,
    waitForFrames: (after, count, timeoutMs) =>
      waitFor(
        () => frames >= after + count && frames,
        timeoutMs,
        `${count} new frames (events: ${events.join('; ')})`,
      ),
    stop: async () => {
      stopped = true;
      camera?.stop();
      // A connection its SDK broke may never settle its disconnect.
      await Promise.race([
        room.disconnect().catch(() => undefined),
        new Promise((r) => setTimeout(r, 5_000)),
      ]);
    },
  };
}
