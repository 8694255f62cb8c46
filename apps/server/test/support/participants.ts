import type { Cast } from './api.js';
import type { ClientPool } from './media.js';
import { waitFor } from './processes.js';
import type { Stack } from './stack.js';

// A session's participants as tests bring them in and see them. A client's connect resolves
// before LiveKit's webhook reaches the server, so tests wait for its effect instead. The sessions
// belong to the cast's mentor, who sees everything about them.

/**
 * A new user (as `register` gives it) who joins the session through the API and connects with
 * the token it answers; `joined` is that answer.
 */
export async function joinAsNewUser(c: Cast, clients: ClientPool, sessionId: string) {
  const account = await c.api.register();
  const joined = await c.api.join(account.token, sessionId);
  const room = await clients.connect(joined.body.access_token);
  return { ...account, joined: joined.body, room };
}

/** Until the session counts `count` connected participants. */
export function waitForParticipantCount(c: Cast, sessionId: string, count: number) {
  return waitFor(
    async () => {
      const res = await c.api.call('GET', `/api/v1/live/sessions/${sessionId}`, {
        token: c.mentor.token,
      });
      return res.body.participant_count === count;
    },
    5_000,
    `participant_count ${count}`,
  );
}

/** Until the session lists `identity` as connected. */
export function waitForConnected(c: Cast, sessionId: string, identity: string) {
  return waitFor(
    async () => {
      const res = await c.api.call<{ participants: { identity: string; connected: boolean }[] }>(
        'GET',
        `/api/v1/live/sessions/${sessionId}/participants`,
        { token: c.mentor.token },
      );
      const p = res.body.participants.find((x) => x.identity === identity);
      return p?.connected === true;
    },
    5_000,
    `${identity} connected=true`,
  );
}

/** Until LiveKit lists `count` tracks of `identity` (it registers one after publish resolves). */
export function waitForTracks(stack: Stack, sessionId: string, identity: string, count: number) {
  return waitFor(
    async () =>
      (await stack.livekit.roomService.getParticipant(sessionId, identity)).tracks.length === count,
    5_000,
    `${count} published track(s) of ${identity}`,
  );
}
