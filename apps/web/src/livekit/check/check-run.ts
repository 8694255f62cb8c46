import {
  CheckStatus,
  ConnectionCheck,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  createLocalAudioTrack,
  createLocalVideoTrack,
  type LocalAudioTrack,
  type LocalVideoTrack,
  type RemoteTrack,
  type RoomConnectOptions,
} from 'livekit-client';
import { MediaControlError, type MediaErrorReason } from '../core/media-error.js';
import {
  initialCheckLines,
  type CheckLine,
  type CheckLineId,
  type CheckLines,
  type CheckReason,
} from './check-lines.js';
import { browserCodecs, LISTED_CODECS } from './codecs.js';
import { keepLastFrame, waitForDecodedFrames, type DecodedFrames } from './frame-counter.js';
import {
  TURN_TRANSPORTS,
  turnServersByTransport,
  type OfferedIceServer,
  type TurnTransport,
} from './ice-servers.js';
import { mediaPathFromStats } from './media-path.js';
import { listenForSound } from './microphone-listener.js';
import { gatherRelayCandidate } from './turn-probe.js';

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

export interface ConnectionCheckRunOptions {
  /**
   * Asks the API for a check room and its tokens. Called once the camera and microphone are
   * captured (the permission prompt can take a while), so the short-lived room is fresh.
   */
  fetchDetails: () => Promise<CheckDetailsResult>;
  /** Where the video that came back through the server plays; its frames are counted there. */
  video: HTMLVideoElement;
  /** Every change of any line, with all lines. */
  onLines: (lines: CheckLines) => void;
  /** The captured microphone, for a live meter; `undefined` once stopped. */
  onMicrophone: (track: LocalAudioTrack | undefined) => void;
}

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
/** Frames that must come back through the server directly, and through each TURN transport. */
const FRAMES_DIRECT = 10;
const FRAMES_RELAYED = 3;

const DEVICE_REASONS: Record<'camera' | 'mic', Record<MediaErrorReason, CheckReason>> = {
  camera: {
    permission_denied: 'camera_denied',
    device_not_found: 'camera_missing',
    device_in_use: 'camera_busy',
    unsupported: 'camera_failed',
    failed: 'camera_failed',
  },
  mic: {
    permission_denied: 'mic_denied',
    device_not_found: 'mic_missing',
    device_in_use: 'mic_busy',
    unsupported: 'mic_failed',
    failed: 'mic_failed',
  },
};

const isLoopbackHost = (host: string) =>
  ['localhost', '127.0.0.1', '[::1]'].includes(host) || host.endsWith('.localhost');

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One run of the connection check (the page's engine, after LiveKit's connection tester): the
 * signal WebSocket (livekit-client's own `ConnectionCheck`), the camera published by one
 * participant and received back, decoded, by a second one, then every TURN transport the server
 * offers, each alone in a relay-only connection, plus the microphone and the browser's codecs.
 * Output goes out through the constructor's callbacks; `stop()` ends everything it started.
 */
export class ConnectionCheckRun {
  private lines: CheckLines = initialCheckLines();
  private readonly aborter = new AbortController();
  private readonly rooms = new Set<Room>();
  private camera: LocalVideoTrack | undefined;
  private microphone: LocalAudioTrack | undefined;
  private stopListening: (() => void) | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ConnectionCheckRunOptions) {}

  private get stopped(): boolean {
    return this.aborter.signal.aborted;
  }

  private set(id: CheckLineId, line: CheckLine): void {
    if (this.stopped) return;
    this.lines = { ...this.lines, [id]: line };
    this.options.onLines(this.lines);
  }

  /** Runs every line once; resolves when the network lines are done (the mic may listen on). */
  async run(): Promise<void> {
    this.checkCodecs();
    await this.captureDevices();
    if (this.stopped) return;

    const answer = await this.options.fetchDetails();
    if (this.stopped) return;
    if (!answer.ok) {
      this.set('signal', { state: 'failed', reason: answer.reason });
      this.untested();
      return;
    }
    const details = answer.details;
    if (!(await this.checkSignal(details))) {
      // Everything else goes through LiveKit, starting with that same signal connection.
      this.untested();
      return;
    }
    if (this.stopped) return;
    const publisher = await this.publishAndReceive(details);
    if (this.stopped) return;
    await this.checkTurn(details, publisher);
    if (publisher.room) {
      this.rooms.delete(publisher.room);
      // Keeps the microphone running for its meter; the camera is released below.
      await publisher.room.disconnect(false);
    }
    this.releaseCamera();
  }

  /** The lines that need the server, when it cannot be reached at all. */
  private untested(): void {
    for (const id of ['media', 'turn_udp', 'turn_tcp', 'turn_tls'] as const) {
      if (this.lines[id].state === 'pending')
        this.set(id, { state: 'failed', reason: 'not_tested' });
    }
    this.releaseCamera();
  }

  /** Ends the run: rooms left, devices released, timers cleared. Safe to call twice. */
  stop(): void {
    this.aborter.abort();
    clearTimeout(this.silenceTimer);
    this.stopListening?.();
    for (const room of this.rooms) void room.disconnect();
    this.rooms.clear();
    this.releaseCamera();
    this.microphone?.stop();
    this.microphone = undefined;
    this.options.onMicrophone(undefined);
  }

  private releaseCamera(): void {
    this.camera?.stop();
    this.camera = undefined;
  }

  private checkCodecs(): void {
    const codecs = browserCodecs();
    if (!codecs) {
      this.set('codecs', { state: 'failed', reason: 'codecs_unsupported' });
      return;
    }
    const list = LISTED_CODECS.filter((c) => codecs[c]).join(', ');
    const values = { list: list || '–' };
    if (!codecs.Opus || (!codecs.VP8 && !codecs['H.264'])) {
      this.set('codecs', { state: 'failed', reason: 'codecs_missing', values });
    } else if (!codecs.VP8) {
      this.set('codecs', { state: 'warning', reason: 'codecs_no_vp8', values });
    } else {
      this.set('codecs', { state: 'ok', reason: 'codecs_ok', values });
    }
  }

  /** Camera and microphone, each on its own so that one missing does not hide the other. */
  private async captureDevices(): Promise<void> {
    this.set('microphone', { state: 'running', reason: 'mic_starting' });
    const [camera, microphone] = await Promise.allSettled([
      createLocalVideoTrack({ resolution: VideoPresets.h360.resolution }),
      createLocalAudioTrack(),
    ]);
    if (this.stopped) {
      if (camera.status === 'fulfilled') camera.value.stop();
      if (microphone.status === 'fulfilled') microphone.value.stop();
      return;
    }
    if (camera.status === 'fulfilled') {
      this.camera = camera.value;
    } else {
      const reason = new MediaControlError('camera', camera.reason).reason;
      this.set('media', { state: 'failed', reason: DEVICE_REASONS.camera[reason] });
    }
    if (microphone.status === 'fulfilled') {
      this.microphone = microphone.value;
      this.options.onMicrophone(microphone.value);
      this.listenToMicrophone(microphone.value);
    } else {
      const reason = new MediaControlError('microphone', microphone.reason).reason;
      this.set('microphone', { state: 'failed', reason: DEVICE_REASONS.mic[reason] });
    }
  }

  private listenToMicrophone(track: LocalAudioTrack): void {
    this.set('microphone', { state: 'running', reason: 'mic_listening' });
    this.silenceTimer = setTimeout(() => {
      this.set('microphone', { state: 'warning', reason: 'mic_silent' });
    }, CHECK_TIMEOUTS.silence);
    this.stopListening = listenForSound(track.mediaStreamTrack, () => {
      clearTimeout(this.silenceTimer);
      this.set('microphone', { state: 'ok', reason: 'mic_heard' });
    });
  }

  /** The signal WebSocket, through livekit-client's own check (a join, then a close). */
  private async checkSignal(details: CheckConnectionDetails): Promise<boolean> {
    this.set('signal', { state: 'running', reason: 'signal_checking' });
    const info = await new ConnectionCheck(details.serverUrl, details.receiverToken)
      .checkWebsocket()
      .catch(() => undefined);
    const url = new URL(details.serverUrl);
    if (!info || info.status !== CheckStatus.SUCCESS) {
      this.set('signal', {
        state: 'failed',
        reason: 'signal_unreachable',
        values: { host: url.host },
      });
      return false;
    }
    const version =
      info.logs.map((l) => /version (\d[\w.-]*\w)/.exec(l.message)?.[1]).find(Boolean) ?? '?';
    // Loopback is a secure context even over ws://; anywhere else browsers refuse the camera
    // to an http page, and proxies meddle with plain WebSockets.
    const insecure = url.protocol === 'ws:' && !isLoopbackHost(url.hostname);
    this.set('signal', {
      state: insecure ? 'warning' : 'ok',
      reason: insecure ? 'signal_insecure' : 'signal_ok',
      values: { version, host: url.host },
    });
    return true;
  }

  private newRoom(): Room {
    // No adaptive stream: the check wants every frame, whatever the element's size.
    const room = new Room({ adaptiveStream: false, dynacast: false });
    this.rooms.add(room);
    return room;
  }

  private async leave(room: Room): Promise<void> {
    this.rooms.delete(room);
    await room.disconnect().catch(() => undefined);
  }

  /**
   * The publisher joins and publishes the camera and microphone; a second participant
   * receives the camera back and must decode frames. Returns the publisher's room (still
   * connected, for the TURN lines to receive from) and the ICE servers LiveKit offered it.
   */
  private async publishAndReceive(details: CheckConnectionDetails): Promise<{
    room: Room | undefined;
    iceServers: OfferedIceServer[] | undefined;
    publishing: boolean;
  }> {
    const room = this.newRoom();
    let iceServers: OfferedIceServer[] | undefined;
    room.on(RoomEvent.SignalConnected, () => {
      // LiveKit's join response carries the ICE servers (TURN URLs with credentials for this
      // participant); livekit-client keeps it on its engine, where its own TURN check reads it.
      iceServers = room.engine.latestJoinResponse?.iceServers.map((s) => ({
        urls: [...s.urls],
        username: s.username,
        credential: s.credential,
      }));
    });
    const cameraFailed = this.lines.media.state === 'failed';
    if (!cameraFailed) this.set('media', { state: 'running', reason: 'media_publishing' });
    try {
      await room.connect(details.serverUrl, details.publisherToken, {
        autoSubscribe: false,
        maxRetries: 0,
        peerConnectionTimeout: CHECK_TIMEOUTS.peerConnection,
      });
    } catch {
      await this.leave(room);
      if (!cameraFailed) this.set('media', { state: 'failed', reason: 'media_unreachable' });
      return { room: undefined, iceServers, publishing: false };
    }
    const camera = this.camera;
    try {
      if (this.microphone) await room.localParticipant.publishTrack(this.microphone);
      if (camera) await room.localParticipant.publishTrack(camera, { simulcast: false });
    } catch {
      if (!cameraFailed) this.set('media', { state: 'failed', reason: 'media_unreachable' });
      return { room, iceServers, publishing: false };
    }
    if (!camera) return { room, iceServers, publishing: false };

    this.set('media', { state: 'running', reason: 'media_receiving' });
    const received = await this.receiveVideo(details, {
      frames: FRAMES_DIRECT,
      framesTimeout: CHECK_TIMEOUTS.frames,
    });
    if (!received.frames) {
      this.set('media', {
        state: 'failed',
        reason: received.connected ? 'media_no_frames' : 'media_unreachable',
      });
      return { room, iceServers, publishing: true };
    }
    const sender = camera.sender;
    const path = sender ? mediaPathFromStats(await sender.getStats()) : undefined;
    const { frames, width, height } = received.frames;
    this.set('media', {
      state: 'ok',
      reason: 'media_received',
      values: { frames, width, height },
      ...(path ? { path } : {}),
    });
    return { room, iceServers, publishing: true };
  }

  /**
   * Connects as the receiver (relay-only through `relay` when given) and, when `frames` is
   * set, waits for that many decoded frames of the publisher's camera in the page's video.
   */
  private async receiveVideo(
    details: CheckConnectionDetails,
    options: { frames: number; framesTimeout: number; relay?: RTCIceServer[] },
  ): Promise<{ connected: boolean; frames?: DecodedFrames; ms: number }> {
    const room = this.newRoom();
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
      await this.leave(room);
      return { connected: false, ms: Math.round(performance.now() - started) };
    }
    const ms = Math.round(performance.now() - started);
    try {
      if (options.frames === 0) return { connected: true, ms };
      const track = await withTimeout(subscribed, CHECK_TIMEOUTS.subscribe, 'subscription');
      track.attach(this.options.video);
      const frames = await waitForDecodedFrames(
        this.options.video,
        options.frames,
        options.framesTimeout,
        this.aborter.signal,
      );
      keepLastFrame(this.options.video);
      return { connected: true, frames, ms };
    } catch {
      return { connected: true, ms };
    } finally {
      await this.leave(room);
    }
  }

  /** Each TURN transport alone: a relay address first, then media relayed to the server. */
  private async checkTurn(
    details: CheckConnectionDetails,
    publisher: { iceServers: OfferedIceServer[] | undefined; publishing: boolean },
  ): Promise<void> {
    const ids: Record<TurnTransport, CheckLineId> = {
      udp: 'turn_udp',
      tcp: 'turn_tcp',
      tls: 'turn_tls',
    };
    if (!publisher.iceServers) {
      // The list comes with the signal connection, which never answered.
      for (const t of TURN_TRANSPORTS) this.set(ids[t], { state: 'failed', reason: 'not_tested' });
      return;
    }
    const offered = turnServersByTransport(publisher.iceServers);
    for (const t of TURN_TRANSPORTS) {
      if (!offered[t]) this.set(ids[t], { state: 'not_offered', reason: 'turn_not_offered' });
    }
    for (const t of TURN_TRANSPORTS) {
      const servers = offered[t];
      if (!servers || this.stopped) continue;
      this.set(ids[t], { state: 'running', reason: 'turn_checking' });
      const probe = await gatherRelayCandidate(servers, CHECK_TIMEOUTS.relayGather);
      if (!probe.relay) {
        this.set(ids[t], {
          state: 'failed',
          reason: 'turn_unreachable',
          values: { error: probe.error ?? `no answer within ${CHECK_TIMEOUTS.relayGather} ms` },
        });
        continue;
      }
      const relayed = await this.receiveVideo(details, {
        frames: publisher.publishing ? FRAMES_RELAYED : 0,
        framesTimeout: CHECK_TIMEOUTS.relayFrames,
        relay: servers,
      });
      if (!relayed.connected || (publisher.publishing && !relayed.frames)) {
        this.set(ids[t], { state: 'failed', reason: 'turn_relay_failed' });
      } else {
        this.set(ids[t], {
          state: 'ok',
          reason: relayed.frames ? 'turn_relayed_video' : 'turn_relayed',
          values: { ms: relayed.ms },
        });
      }
    }
  }
}
