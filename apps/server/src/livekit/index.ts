/**
 * The server's one door to LiveKit: modules import from here and nowhere else in `livekit/`
 * (lint enforces it), and nothing outside `livekit/` touches `livekit-server-sdk` or
 * `@livekit/rtc-node`.
 */
export { grantForRole } from './grants.js';
export { createJoinToken } from './tokens.js';
export type { JoinTokenInput } from './tokens.js';
export { orLivekitUnavailable, LivekitUnavailableError } from './rooms.js';
export type { ConnectedParticipant, RoomControl } from './rooms.js';
export type { LivekitRuntime } from './runtime.js';
