import { RoomEvent, type LocalAudioTrack, type LocalVideoTrack, type Room } from 'livekit-client';
import {
  CHECK_TIMEOUTS,
  CheckRooms,
  receiveVideo,
  type CheckConnectionDetails,
  type CheckDetailsResult,
} from './check-connection.js';
import {
  initialCheckLines,
  type CheckLine,
  type CheckLineId,
  type CheckLines,
} from './check-lines.js';
import { browserCodecs, codecsLine } from './codecs.js';
import { captureDevices } from './device-capture.js';
import {
  TURN_TRANSPORTS,
  turnServersByTransport,
  type OfferedIceServer,
  type TurnTransport,
} from './ice-servers.js';
import { mediaConnectFailure } from './media-failure.js';
import { mediaPathFromStats } from './media-path.js';
import { listenForSound } from './microphone-listener.js';
import { signalLine } from './signal-line.js';
import { gatherRelayCandidate } from './turn-probe.js';

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

/** Frames that must come back through the server directly, and through each TURN transport. */
const FRAMES_DIRECT = 10;
const FRAMES_RELAYED = 3;

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
  private readonly rooms = new CheckRooms();
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
    this.set('codecs', codecsLine(browserCodecs()));
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
      this.rooms.release(publisher.room);
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
    this.rooms.leaveAll();
    this.releaseCamera();
    this.microphone?.stop();
    this.microphone = undefined;
    this.options.onMicrophone(undefined);
  }

  private releaseCamera(): void {
    this.camera?.stop();
    this.camera = undefined;
  }

  /** Camera and microphone, each on its own so that one missing does not hide the other. */
  private async captureDevices(): Promise<void> {
    this.set('microphone', { state: 'running', reason: 'mic_starting' });
    const { camera, microphone } = await captureDevices();
    if (this.stopped) {
      if ('track' in camera) camera.track.stop();
      if ('track' in microphone) microphone.track.stop();
      return;
    }
    if ('track' in camera) this.camera = camera.track;
    else this.set('media', { state: 'failed', reason: camera.failed });
    if ('track' in microphone) {
      this.microphone = microphone.track;
      this.options.onMicrophone(microphone.track);
      this.listenToMicrophone(microphone.track);
    } else {
      this.set('microphone', { state: 'failed', reason: microphone.failed });
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

  /** The signal WebSocket; false when it cannot be reached (nothing else can be, then). */
  private async checkSignal(details: CheckConnectionDetails): Promise<boolean> {
    this.set('signal', { state: 'running', reason: 'signal_checking' });
    const line = await signalLine(details);
    this.set('signal', line);
    return line.state !== 'failed';
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
    const room = this.rooms.create();
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
      await this.rooms.leave(room);
      if (!cameraFailed) {
        this.set('media', {
          state: 'failed',
          ...mediaConnectFailure(iceServers, CHECK_TIMEOUTS.peerConnection),
        });
      }
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

  /** The receiving participant (see `receiveVideo`): into the page's video, ended with the run. */
  private receiveVideo(
    details: CheckConnectionDetails,
    options: { frames: number; framesTimeout: number; relay?: RTCIceServer[] },
  ) {
    const { rooms, aborter } = this;
    return receiveVideo({
      rooms,
      details,
      video: this.options.video,
      signal: aborter.signal,
      ...options,
    });
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
