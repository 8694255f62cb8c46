import type { CheckLine } from './check-lines.js';
import { turnServersByTransport, type OfferedIceServer } from './ice-servers.js';

/**
 * Why the publisher could not connect, for the media line. Once LiveKit has answered the join
 * (its answer carries the ICE servers) the signal works, so what failed within `timeoutMs` is the
 * media path: no candidate pair got through, directly and, when the server offered TURN, through
 * its relays too. Without that answer the cause is unknown.
 */
export function mediaConnectFailure(
  iceServers: readonly OfferedIceServer[] | undefined,
  timeoutMs: number,
): Pick<CheckLine, 'reason' | 'values'> {
  if (!iceServers) return { reason: 'media_unreachable' };
  const seconds = Math.round(timeoutMs / 1000);
  const turnOffered = Object.keys(turnServersByTransport(iceServers)).length > 0;
  return {
    reason: turnOffered ? 'media_ice_failed_turn' : 'media_ice_failed',
    values: { seconds },
  };
}
