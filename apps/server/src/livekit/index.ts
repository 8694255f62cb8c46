/**
 * The server's one door to LiveKit: modules import from here and nowhere else in `livekit/`
 * (lint enforces it), and nothing outside `livekit/` touches `livekit-server-sdk` or
 * `@livekit/rtc-node`. What passes through is ours: join tokens, verified webhooks as
 * `LivekitEvent`, room operations (`LivekitRuntime.rooms`), and the recording backends.
 */

// Join tokens
export { grantForRole } from './grants.js';
export { createJoinToken } from './tokens.js';
export type { JoinTokenInput } from './tokens.js';

// OBS stream keys and LiveKit's WHIP endpoint behind the app's gateway (issue 15)
export { createIngestToken, ingestKeyIdOf, streamKeyHash } from './ingest.js';
export type { WhipCall, WhipReply } from './whip.js';

// The connection check's room and tokens
export { CHECK_ROOM_PREFIX, checkIdentity, createCheckToken } from './check.js';
export type { CheckSide } from './check.js';

// The runtime (embedded child or external server) and its room operations
export { startLivekit } from './runtime.js';
export type { LivekitRuntime } from './runtime.js';
export type { LivekitKeys } from './keys.js';
export { orLivekitUnavailable, LivekitUnavailableError } from './rooms.js';
export type { ConnectedParticipant, RoomControl } from './rooms.js';

// What the platform's samples read from LiveKit (its Prometheus counters, its room counts)
export { trafficBetween } from './traffic.js';
export type { LivekitStatsSource, LivekitTraffic, TrafficRates } from './traffic.js';

// Webhooks
export type { LivekitEvent, LivekitTrack, WebhookVerifier } from './events.js';

// Recording backends
export { recordingBackends } from './recording.js';
export type { BuiltinBackend, BuiltinRecording, RecordingBackends } from './recording.js';
export type { EgressBackend, EgressState } from './egress.js';
export type { RecorderResult } from './recorder/room-recorder.js';
