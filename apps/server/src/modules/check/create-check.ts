import { randomBytes } from 'node:crypto';
import type { CheckTokenResponse } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { CHECK_ROOM_PREFIX, createCheckToken, orLivekitUnavailable } from '../../livekit/index.js';

/** The limits of one connection check's room and tokens. */
export const CHECK_LIMITS = {
  /** Long enough for the slowest check (every TURN transport timing out), short for reuse. */
  tokenTtlSeconds: 120,
  /** The publisher and the receiver: nobody else fits. */
  maxParticipants: 2,
  /** Closed this long after creation when nobody joined. */
  emptyTimeoutSeconds: 60,
  /** Closed this long after the last participant left. */
  departureTimeoutSeconds: 5,
  /**
   * Closed by us this long after creation, whoever is still in it: LiveKit refreshes the tokens
   * of connected clients, so without this a check room could carry a call for hours.
   */
  lifetimeSeconds: 300,
} as const;

export interface CreateCheckOptions {
  ctx: Pick<AppContext, 'config' | 'livekit'>;
  /** Closes the room after `CHECK_LIMITS.lifetimeSeconds` (a timer the routes plugin owns). */
  scheduleClose: (room: string, afterMs: number) => void;
}

/**
 * Starts a connection check: creates its private LiveKit room (rooms are only made by this API,
 * LiveKit's auto-create is off) and signs the two tokens that may join it.
 */
export async function createCheck({
  ctx,
  scheduleClose,
}: CreateCheckOptions): Promise<CheckTokenResponse> {
  const room = `${CHECK_ROOM_PREFIX}${randomBytes(12).toString('base64url')}`;
  await ctx.livekit.rooms
    .createLimited(room, {
      maxParticipants: CHECK_LIMITS.maxParticipants,
      emptyTimeout: CHECK_LIMITS.emptyTimeoutSeconds,
      departureTimeout: CHECK_LIMITS.departureTimeoutSeconds,
    })
    .catch(orLivekitUnavailable);
  scheduleClose(room, CHECK_LIMITS.lifetimeSeconds * 1000);

  const token = (side: 'publisher' | 'receiver') =>
    createCheckToken({
      keys: ctx.livekit.keys,
      room,
      side,
      ttlSeconds: CHECK_LIMITS.tokenTtlSeconds,
    });
  const lk = ctx.config.livekit;
  return {
    server_url: ctx.livekit.clientUrl,
    room,
    publisher_token: token('publisher'),
    receiver_token: token('receiver'),
    expires_at: new Date(Date.now() + CHECK_LIMITS.tokenTtlSeconds * 1000).toISOString(),
    rtc_ports: lk.mode === 'embedded' ? { udp: lk.rtcUdpPort, tcp: lk.rtcTcpPort } : null,
  };
}
