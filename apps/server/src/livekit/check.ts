import type { VideoGrant } from 'livekit-server-sdk';
import { grantForRole, publishOnlyGrant } from './grants.js';
import type { LivekitKeys } from './keys.js';
import { signAccessToken } from './tokens.js';

/**
 * The connection check's LiveKit side: a private room per check with two participants, one
 * that publishes the visitor's camera and microphone and one that receives them back.
 */

/** The two ends of a check. */
export type CheckSide = 'publisher' | 'receiver';

/**
 * Names of check rooms. Not a UUID, so the webhook applier and the reconcile loop, which only
 * know session rooms, leave them alone.
 */
export const CHECK_ROOM_PREFIX = 'check-';

export const checkIdentity = (room: string, side: CheckSide) => `${room}:${side}`;

/**
 * What each end of a check may do in its room, every field explicit (LiveKit treats an unset
 * `canPublish` as allowed): the publisher sends its camera and microphone and subscribes to
 * nothing; the receiver subscribes and sends nothing. Neither may publish data, change its own
 * metadata or do anything beyond its own room.
 */
export function checkGrant(side: CheckSide, room: string): VideoGrant {
  return side === 'publisher' ? publishOnlyGrant(room) : grantForRole('viewer', room);
}

/** The short-lived token of one end of a check. */
export function createCheckToken(input: {
  keys: LivekitKeys;
  room: string;
  side: CheckSide;
  ttlSeconds: number;
}): string {
  return signAccessToken(input.keys, {
    identity: checkIdentity(input.room, input.side),
    name: 'Connection check',
    ttlSeconds: input.ttlSeconds,
    attributes: { role: `check_${input.side}` },
    video: checkGrant(input.side, input.room),
  });
}
