import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import type { Stack } from './stack.js';

/**
 * Posts a participant event to the app's LiveKit webhook as LiveKit would send it: signed with
 * the stack's keys, times in whole seconds (and `joinedAtMs`). Answers the HTTP status.
 */
export async function sendParticipantWebhook(
  stack: Stack,
  event: {
    id: string;
    event: string;
    /** When LiveKit made the event (ms). */
    at: number;
    room: string;
    participant: { sid: string; identity: string; joinedAtMs: number };
  },
): Promise<number> {
  const { sid, identity, joinedAtMs } = event.participant;
  const body = JSON.stringify({
    id: event.id,
    event: event.event,
    createdAt: String(Math.floor(event.at / 1000)),
    room: { sid: 'RM_test', name: event.room },
    participant: {
      sid,
      identity,
      joinedAt: String(Math.floor(joinedAtMs / 1000)),
      joinedAtMs: String(joinedAtMs),
    },
  });
  const token = new AccessToken(stack.livekit.keys.apiKey, stack.livekit.keys.apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const res = await fetch(`${stack.baseUrl}/api/livekit/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
    body,
  });
  await res.body?.cancel();
  return res.status;
}
