import { createRequire } from 'node:module';
import type * as LivekitClient from 'livekit-client';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * A LiveKit viewer in a tiny page (livekit-client's own bundle on `about:blank`, no app) that
 * may use TURN relays only (`rtcConfig: {iceTransportPolicy: 'relay'}`), and what it saw: the
 * ICE servers LiveKit handed it, the candidates it gathered, the TURN errors, the candidate pair
 * that carried the media, and the video frames it decoded.
 */

/** Which of LiveKit's TURN URLs the page keeps: `turn:…?transport=udp`, `turns:…`, or all. */
export type RelayTransport = 'udp' | 'tls' | 'any';

export interface RelayResult {
  /** `room.connect()` resolved. */
  connected: boolean;
  /** Why `room.connect()` rejected: livekit-client's error name, reason and message. */
  error: string | undefined;
  /** Video frames decoded from the first remote video track, and its width. */
  frames: number;
  width: number;
  /** Video tracks other participants had published when it finished, subscribed or not. */
  remoteVideoTracks: number;
  /** Every ICE server URL LiveKit handed over (credentials left out), before filtering. */
  iceServerUrls: string[];
  /** The ICE transport policies the page's peer connections were created with. */
  policies: string[];
  /** Local candidates gathered: `relay udp 198.18.0.1`, … */
  candidates: string[];
  /** TURN errors (`icecandidateerror`): `<url> <code> <text>`. */
  iceErrors: string[];
  /** The selected pairs of connected peer connections. */
  pairs: { localType: string; relayProtocol: string | undefined; remote: string }[];
}

const UMD = createRequire(import.meta.url).resolve('livekit-client');

/**
 * Makes the context's pages record their peer connections and keep only the TURN URLs of
 * `transport`: the way to try TURN over UDP and over TLS one at a time, with the credentials
 * LiveKit issued (LiveKit hands both in one ICE server).
 */
export async function keepTurnTransport(
  context: BrowserContext,
  transport: RelayTransport,
): Promise<void> {
  await context.addInitScript((keep: RelayTransport) => {
    const log = {
      iceServerUrls: [] as string[],
      policies: [] as string[],
      candidates: [] as string[],
      iceErrors: [] as string[],
    };
    const pcs: RTCPeerConnection[] = [];
    Object.assign(window, { __relay: log, __relayPcs: pcs });
    const kept = (url: string) =>
      keep === 'any' ||
      (keep === 'udp' && url.startsWith('turn:') && url.includes('transport=udp')) ||
      (keep === 'tls' && url.startsWith('turns:'));
    const filter = (config: RTCConfiguration | undefined): RTCConfiguration | undefined => {
      if (!config?.iceServers) return config;
      const servers = config.iceServers.map((server) => {
        const urls = ([] as string[]).concat(server.urls);
        log.iceServerUrls.push(...urls.filter((u) => !log.iceServerUrls.includes(u)));
        return { ...server, urls: urls.filter(kept) };
      });
      return { ...config, iceServers: servers.filter((s) => s.urls.length > 0) };
    };
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(filter(config));
        pcs.push(this);
        log.policies.push(config?.iceTransportPolicy ?? 'all');
        this.addEventListener('icecandidate', (e) => {
          const c = e.candidate;
          if (c) log.candidates.push(`${c.type} ${c.protocol} ${c.address}`);
        });
        this.addEventListener('icecandidateerror', (e) => {
          log.iceErrors.push(`${e.url} ${e.errorCode} ${e.errorText}`);
        });
      }
      // livekit-client creates its first peer connection before the join response and hands
      // the ICE servers over here.
      override setConfiguration(config?: RTCConfiguration): void {
        super.setConfiguration(filter(config));
      }
    };
  }, transport);
}

/**
 * Joins `url` with `token` on `page` (of a context prepared by `keepTurnTransport`), relay-only
 * unless `policy` is `all`, and waits for `frames` decoded frames of the first remote video
 * track, or `timeoutMs`. Never throws for a failed connection: the result says how it failed.
 */
export async function receiveThroughRelay(
  page: Page,
  options: {
    url: string;
    token: string;
    frames?: number;
    timeoutMs?: number;
    policy?: RTCIceTransportPolicy;
  },
): Promise<RelayResult> {
  await page.goto('about:blank');
  await page.addScriptTag({ path: UMD });
  return page.evaluate(
    async ({ url, token, wanted, timeoutMs, policy }) => {
      const { Room, RoomEvent, Track } = (
        window as unknown as { LivekitClient: typeof LivekitClient }
      ).LivekitClient;
      const w = window as unknown as {
        __relay: Omit<
          RelayResult,
          'connected' | 'error' | 'frames' | 'width' | 'remoteVideoTracks' | 'pairs'
        >;
        __relayPcs: RTCPeerConnection[];
      };
      const room = new Room();
      const video = document.createElement('video');
      video.muted = true;
      document.body.append(video);
      room.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === Track.Kind.Video) track.attach(video);
      });
      const decoded = () => video.getVideoPlaybackQuality().totalVideoFrames;
      let connected = false;
      let error: string | undefined;
      const deadline = Date.now() + timeoutMs;
      try {
        await room.connect(url, token, {
          rtcConfig: { iceTransportPolicy: policy },
          peerConnectionTimeout: Math.min(timeoutMs, 8_000),
        });
        connected = true;
        while (Date.now() < deadline && (decoded() < wanted || video.videoWidth === 0)) {
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch (err) {
        const e = err as { name?: string; reason?: unknown; message?: string };
        error = `${e.name ?? 'Error'} (reason ${String(e.reason)}): ${e.message ?? String(err)}`;
      }
      const pairs: RelayResult['pairs'] = [];
      for (const pc of w.__relayPcs) {
        if (pc.connectionState !== 'connected') continue;
        const stats = await pc.getStats();
        stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
          if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
          const pair = stats.get(s.selectedCandidatePairId) as {
            localCandidateId: string;
            remoteCandidateId: string;
          };
          const local = stats.get(pair.localCandidateId) as {
            candidateType: string;
            relayProtocol?: string;
          };
          const remote = stats.get(pair.remoteCandidateId) as { address: string; port: number };
          pairs.push({
            localType: local.candidateType,
            relayProtocol: local.relayProtocol,
            remote: `${remote.address}:${remote.port}`,
          });
        });
      }
      const result = {
        connected,
        error,
        frames: decoded(),
        width: video.videoWidth,
        remoteVideoTracks: [...room.remoteParticipants.values()].flatMap((p) =>
          [...p.trackPublications.values()].filter((t) => t.kind === Track.Kind.Video),
        ).length,
        ...w.__relay,
        pairs,
      };
      await room.disconnect();
      return result;
    },
    {
      url: options.url,
      token: options.token,
      wanted: options.frames ?? 5,
      timeoutMs: options.timeoutMs ?? 15_000,
      policy: options.policy ?? 'relay',
    },
  );
}
