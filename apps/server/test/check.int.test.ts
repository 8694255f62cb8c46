import { Room } from '@livekit/rtc-node';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { publishSyntheticVideo, receiveVideoFrames } from './support/media.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

interface CheckToken {
  server_url: string;
  room: string;
  publisher_token: string;
  receiver_token: string;
  expires_at: string;
  rtc_ports: { udp: number; tcp: number } | null;
}

describe('POST /api/v1/check/token: the connection check room, before sign-in', () => {
  let stack: Stack;
  // Real limits (×1), so the test meets the per-address limit of 10 a minute.
  useStack({ env: { RATE_LIMIT_MULTIPLIER: '1' }, onReady: (ready) => ({ stack } = ready) });

  const requestCheck = () =>
    fetch(`${stack.baseUrl}/api/v1/check/token`, { method: 'POST' }).then(async (res) => ({
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as any,
    }));
  let requested = 0;

  /** A RoomService call made with a client token instead of the API key's own. */
  const twirp = (method: string, token: string, body: unknown) =>
    fetch(`${stack.livekitUrl.replace('ws:', 'http:')}/twirp/livekit.RoomService/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives two tokens for a fresh private room: the publisher’s video reaches the receiver, nobody else gets in', async () => {
    const res = await requestCheck();
    requested += 1;
    expect(res.status).toBe(200);
    const check = res.body as CheckToken;
    expect(check.server_url).toBe(stack.livekitUrl);
    expect(check.room).toMatch(/^check-[\w-]{16}$/);
    const lk = stack.config.livekit;
    expect(lk.mode).toBe('embedded');
    if (lk.mode === 'embedded') {
      expect(check.rtc_ports).toEqual({ udp: lk.rtcUdpPort, tcp: lk.rtcTcpPort });
    }
    const ttl = Date.parse(check.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(100_000);
    expect(ttl).toBeLessThanOrEqual(120_000);

    // The API made the room (LiveKit's auto-create is off), small and short-lived.
    const [room] = await stack.livekit.roomService.listRooms([check.room]);
    expect(room).toMatchObject({ name: check.room, maxParticipants: 2, emptyTimeout: 60 });
    expect(room!.departureTimeout).toBe(5);

    // Each token names that room only, with explicit, minimal rights.
    const verifier = new TokenVerifier(stack.livekit.keys.apiKey, stack.livekit.keys.apiSecret);
    const publisher = await verifier.verify(check.publisher_token);
    const receiver = await verifier.verify(check.receiver_token);
    for (const claims of [publisher, receiver]) {
      expect(claims.video).toMatchObject({
        room: check.room,
        roomJoin: true,
        roomCreate: false,
        roomList: false,
        roomAdmin: false,
        roomRecord: false,
        hidden: false,
        recorder: false,
        canPublishData: false,
      });
      expect(claims.exp! - claims.nbf!).toBe(120);
    }
    expect(publisher.video).toMatchObject({ canPublish: true, canSubscribe: false });
    // The claims carry the sources by name.
    expect(publisher.video!.canPublishSources!.sort()).toEqual(['camera', 'microphone']);
    expect(receiver.video).toMatchObject({ canPublish: false, canSubscribe: true });
    expect(publisher.sub).not.toBe(receiver.sub);

    // Media goes from one to the other through the real server.
    const sender = await publishSyntheticVideo(check.server_url, check.publisher_token);
    try {
      const got = await receiveVideoFrames(check.server_url, check.receiver_token, 5);
      expect(got.frames).toBe(5);
      expect(got.width).toBe(320);

      // A token cannot reach beyond its room: no listing, no other room made.
      expect((await twirp('ListRooms', check.publisher_token, {})).status).toBe(401);
      const other = await twirp('CreateRoom', check.receiver_token, { name: 'check-elsewhere' });
      expect(other.status).toBe(401);
      expect(await stack.livekit.roomService.listRooms(['check-elsewhere'])).toEqual([]);

      // Two participants at most: a third identity (minted here with the server's keys, and
      // admitted while only the publisher is in) is refused once both ends are in.
      const third = new AccessToken(stack.livekit.keys.apiKey, stack.livekit.keys.apiSecret, {
        identity: 'intruder',
      });
      third.addGrant({ room: check.room, roomJoin: true, canSubscribe: true });
      const intruderToken = await third.toJwt();
      const early = new Room();
      await early.connect(check.server_url, intruderToken, {
        autoSubscribe: false,
        dynacast: false,
      });
      await early.disconnect();
      const listener = new Room();
      await listener.connect(check.server_url, check.receiver_token, {
        autoSubscribe: false,
        dynacast: false,
      });
      try {
        const intruder = new Room();
        await expect(
          intruder.connect(check.server_url, intruderToken, {
            autoSubscribe: false,
            dynacast: false,
          }),
        ).rejects.toThrow(/handshake/);
        await intruder.disconnect().catch(() => undefined);
      } finally {
        await listener.disconnect();
      }
    } finally {
      await sender.stop();
    }

    // Once both ends left, LiveKit closes the room after its short departure timeout.
    await waitFor(
      async () => (await stack.livekit.roomService.listRooms([check.room])).length === 0,
      15_000,
      'the check room to close',
      250,
    );
  });

  it('refuses the eleventh check from one address within a minute with 429 and Retry-After', async () => {
    const checkRooms = async () =>
      (await stack.livekit.roomService.listRooms()).filter((r) => r.name.startsWith('check-'))
        .length;
    for (; requested < 10; requested += 1) expect((await requestCheck()).status).toBe(200);
    const before = await checkRooms();
    const refused = await requestCheck();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A refused request makes no room.
    expect(await checkRooms()).toBe(before);
  });
});
