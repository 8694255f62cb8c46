import { TrackSource, WebhookReceiver } from 'livekit-server-sdk';
import type { WebhookEvent } from 'livekit-server-sdk';
import { egressStateOf } from './egress.js';
import type { EgressState } from './egress.js';
import type { LivekitKeys } from './keys.js';

/**
 * A verified LiveKit webhook, in our own terms: only the fields the server acts on, so modules
 * never see the SDK's protobuf classes.
 */
export interface LivekitEvent {
  /** LiveKit's event name: `participant_joined`, `participant_left`, `room_finished`, … */
  event: string;
  /** Unique per event (a redelivery repeats it); undefined when LiveKit sent none. */
  id: string | undefined;
  createdAt: Date | undefined;
  /** The room's name, which is the session id. */
  room: string | undefined;
  /**
   * The participant's identity, its connection's sid (new on each reconnect) and when that
   * connection joined, to the millisecond (`createdAt` has whole seconds only).
   */
  participant: { identity: string; sid: string; joinedAt: Date | undefined } | undefined;
  track: LivekitTrack | undefined;
  /** The egress's state, on `egress_*` events. */
  egress: EgressState | undefined;
}

export interface LivekitTrack {
  sid: string;
  source: 'camera' | 'microphone' | 'screen_share' | 'screen_share_audio' | 'unknown';
  muted: boolean;
}

/** Checks a webhook's signature and reads it; rejects when the signature does not verify. */
export interface WebhookVerifier {
  /**
   * @param body the exact body LiveKit posted (its SHA-256 is signed)
   * @param authorization the request's `Authorization` header
   */
  verify(body: string, authorization: string): Promise<LivekitEvent>;
}

const SOURCES: Partial<Record<TrackSource, LivekitTrack['source']>> = {
  [TrackSource.CAMERA]: 'camera',
  [TrackSource.MICROPHONE]: 'microphone',
  [TrackSource.SCREEN_SHARE]: 'screen_share',
  [TrackSource.SCREEN_SHARE_AUDIO]: 'screen_share_audio',
};

/** The SDK's event as ours. */
export function toLivekitEvent(event: WebhookEvent): LivekitEvent {
  const { participant, track } = event;
  return {
    event: event.event,
    id: event.id || undefined,
    createdAt: event.createdAt > 0n ? new Date(Number(event.createdAt) * 1000) : undefined,
    room: event.room?.name || undefined,
    participant: participant
      ? { identity: participant.identity, sid: participant.sid, joinedAt: joinedAtOf(participant) }
      : undefined,
    track: track
      ? { sid: track.sid, source: SOURCES[track.source] ?? 'unknown', muted: track.muted }
      : undefined,
    egress: event.egressInfo ? egressStateOf(event.egressInfo) : undefined,
  };
}

/** When the connection joined: LiveKit's milliseconds when it sends them, else its seconds. */
function joinedAtOf(participant: { joinedAtMs?: bigint; joinedAt: bigint }): Date | undefined {
  if (participant.joinedAtMs && participant.joinedAtMs > 0n) {
    return new Date(Number(participant.joinedAtMs));
  }
  return participant.joinedAt > 0n ? new Date(Number(participant.joinedAt) * 1000) : undefined;
}

/** Verifies webhooks signed with these keys (a JWT over the body's SHA-256, as LiveKit sends). */
export function webhookVerifier(keys: LivekitKeys): WebhookVerifier {
  const receiver = new WebhookReceiver(keys.apiKey, keys.apiSecret);
  return {
    async verify(body, authorization) {
      return toLivekitEvent(await receiver.receive(body, authorization));
    },
  };
}
