import { LOBBY_TOPIC } from '@stagecast/contracts';
import { Room, RoomEvent } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import { decideLobby, knockAndWait, openWait } from './support/lobby.js';
import { waitFor } from './support/processes.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

/**
 * Two app instances on one PostgreSQL database and one Redis, B using A's LiveKit as an
 * external server (as instances behind a load balancer share one LiveKit): a knock taken by B
 * reaches the host listening on A, and A's decision reaches the wait stream held by B at once.
 */
describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)(
  'the waiting room across two app instances (PostgreSQL + Redis)',
  () => {
    let a: Stack;
    let b: Stack;

    beforeAll(async () => {
      const env = { REDIS_URL: process.env.REDIS_URL! };
      a = await startStack({ backend: 'postgres', env });
      b = await startStack({
        backend: 'postgres',
        shareDb: a.testDb,
        env: {
          ...env,
          LIVEKIT_URL: a.livekitUrl,
          LIVEKIT_API_KEY: a.livekit.keys.apiKey,
          LIVEKIT_API_SECRET: a.livekit.keys.apiSecret,
        },
      });
    });
    afterAll(async () => {
      await b?.stop();
      await a?.stop();
    });

    it('shows a knock taken by B to the host on A, and carries A’s decisions to B’s stream', async () => {
      const onA = apiClient(a);
      const onB = apiClient(b);
      const admin = await onA.register();
      const s = await onA.createSession(admin.token, { start_now: true, waiting_room: true });

      // The host in the room through A, hearing the lobby's notices.
      const hostJoin = await onA.join(admin.token, s.session_id);
      const host = new Room();
      const knocks: string[] = [];
      host.on(RoomEvent.DataReceived, (payload, _from, _kind, topic) => {
        if (topic !== LOBBY_TOPIC) return;
        const packet = JSON.parse(new TextDecoder().decode(payload)) as { knocked?: string };
        if (packet.knocked) knocks.push(packet.knocked);
      });
      await host.connect(a.livekitUrl, hostJoin.body.access_token, {
        autoSubscribe: false,
        dynacast: false,
      });
      try {
        // Admitted: the knock and the stream on B, the list and the decision on A.
        const ada = await onB.register();
        expect((await onB.join(ada.token, s.session_id, { display_name: 'Ada on B' })).status).toBe(
          202,
        );
        const waitAda = await openWait(b.baseUrl, s.session_id, ada.token);
        await waitAda.next('waiting');
        await waitFor(async () => knocks.includes('Ada on B'), 5_000, 'the knock notice on A');
        const listed = await onA.call<{ waiting: { user_id: string }[] }>(
          'GET',
          `/api/v1/live/sessions/${s.session_id}/lobby`,
          { token: admin.token },
        );
        expect(listed.body.waiting.map((e) => e.user_id)).toEqual([ada.user.id]);
        const decidedAt = Date.now();
        const admit = await decideLobby(onA, admin.token, s.session_id, ada.user.id, 'admit');
        expect(admit.status).toBe(200);
        await waitAda.next('admitted', 2_000);
        // Redis pub/sub, not the 15 s safety poll of the stream, carried it.
        expect(Date.now() - decidedAt).toBeLessThan(1_500);
        expect((await onB.join(ada.token, s.session_id)).status).toBe(200);

        // Denied on A: B's stream says so, and B refuses the next knock.
        const { viewer: bob, wait: waitBob } = await knockAndWait(onB, b.baseUrl, s.session_id);
        const deny = await decideLobby(onA, admin.token, s.session_id, bob.user.id, 'deny');
        expect(deny.status).toBe(200);
        await waitBob.next('denied', 2_000);
        expect((await onB.join(bob.token, s.session_id)).status).toBe(403);

        // Leaving the waiting page on B empties A's list.
        const { wait: waitCy } = await knockAndWait(onB, b.baseUrl, s.session_id);
        waitCy.leave();
        await waitFor(
          async () =>
            (
              await onA.call<{ waiting: unknown[] }>(
                'GET',
                `/api/v1/live/sessions/${s.session_id}/lobby`,
                { token: admin.token },
              )
            ).body.waiting.length === 0,
          3_000,
          'the knock to leave A’s list',
        );
      } finally {
        await host.disconnect();
      }
    });
  },
);
