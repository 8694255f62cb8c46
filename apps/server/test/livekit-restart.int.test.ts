import { describe, expect, it } from 'vitest';
import { waitForParticipantCount } from './support/participants.js';
import { waitFor } from './support/processes.js';
import { rejoiningClient } from './support/rejoining-client.js';
import type { RejoiningClient } from './support/rejoining-client.js';
import { useStack } from './support/use-stack.js';

/** The bound: clients are back within this long after livekit-server is killed. */
const BACK_WITHIN_MS = 15_000;

describe('a live class when the embedded livekit-server is killed with SIGKILL', () => {
  // The reconcile loop's own period is an hour here: only the supervisor's "ready again" can
  // bring the room back within the bound.
  const handles = useStack({ reconcile: true, env: { RECONCILE_INTERVAL: '1h' } });
  const started: RejoiningClient[] = [];

  it('is back within 15 s: the room is made again, the host republishes, the viewer decodes it', async () => {
    const { stack, c } = handles;
    const { session_id: sessionId } = await c.api.createSession(c.mentor.token, {
      start_now: true,
    });
    const joinAs = (token: string) => async () => {
      const res = await c.api.join(token, sessionId);
      if (res.status !== 200) throw new Error(`join answered ${res.status}`);
      return res.body;
    };
    const host = await rejoiningClient({ join: joinAs(c.mentor.token), publish: true });
    started.push(host);
    const viewerAccount = await c.api.register();
    const viewer = await rejoiningClient({ join: joinAs(viewerAccount.token), subscribe: true });
    started.push(viewer);
    await viewer.waitForFrames(0, 10, 15_000);
    await waitForParticipantCount(c, sessionId, 2);

    try {
      const first = stack.livekit.supervisor!.pid!;
      const killedAt = Date.now();
      process.kill(first, 'SIGKILL');
      // Pictures stop once the viewer's connection notices; count only what comes after.
      await waitFor(() => viewer.drops > 0, 5_000, 'the viewer to notice');
      const before = viewer.frames;
      await viewer.waitForFrames(before, 15, BACK_WITHIN_MS - (Date.now() - killedAt));
      const backMs = viewer.lastFrameAt - killedAt;
      console.info(
        `livekit-server SIGKILL → viewer decoding the host again: ${backMs} ms ` +
          `(host rejoins through the API: ${host.rejoins}, viewer: ${viewer.rejoins})`,
      );
      expect(backMs).toBeLessThan(BACK_WITHIN_MS);
      expect(stack.livekit.supervisor!.pid).not.toBe(first);
    } finally {
      console.info(`host: ${host.events.join('; ')}\nviewer: ${viewer.events.join('; ')}`);
    }

    // The session stayed live, the host publishes on the new server, and the database counts
    // both (the new server's webhooks, applied once).
    const session = await c.api.call('GET', `/api/v1/live/sessions/${sessionId}`, {
      token: c.mentor.token,
    });
    expect(session.body.status).toBe('live');
    const published = await stack.livekit.roomService.getParticipant(
      sessionId,
      host.room.localParticipant!.identity,
    );
    expect(published.tracks).toHaveLength(1);
    await waitForParticipantCount(c, sessionId, 2);
    expect(stack.logs()).toContain('"reason":"LiveKit restarted"');

    await Promise.all(started.map((client) => client.stop()));
  });
});
