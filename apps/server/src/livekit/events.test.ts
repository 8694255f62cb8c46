import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { webhookVerifier } from './events.js';

const keys = { apiKey: 'APItest', apiSecret: 'a-secret-of-at-least-thirty-two-characters' };

/** The Authorization LiveKit sends: a JWT whose `sha256` claim is the body's SHA-256. */
async function sign(body: string, apiSecret = keys.apiSecret): Promise<string> {
  const token = new AccessToken(keys.apiKey, apiSecret, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

describe('webhookVerifier', () => {
  const verifier = webhookVerifier(keys);

  it('reads a signed participant event into our own type', async () => {
    const body = JSON.stringify({
      id: 'EV_1',
      event: 'participant_joined',
      createdAt: '1700000000',
      room: { sid: 'RM_1', name: 'room-1' },
      participant: { sid: 'PA_1', identity: 'user:1' },
    });
    expect(await verifier.verify(body, await sign(body))).toEqual({
      event: 'participant_joined',
      id: 'EV_1',
      createdAt: new Date(1_700_000_000_000),
      room: 'room-1',
      participant: { identity: 'user:1', sid: 'PA_1' },
      track: undefined,
      egress: undefined,
    });
  });

  it('keeps the millisecond a connection joined, for attendance, falling back to its second', async () => {
    const body = (participant: Record<string, string>) =>
      JSON.stringify({
        id: 'EV_3',
        event: 'participant_left',
        createdAt: '1700000009',
        room: { sid: 'RM_1', name: 'room-1' },
        participant: { sid: 'PA_1', identity: 'user:1', ...participant },
      });
    const precise = body({ joinedAt: '1700000001', joinedAtMs: '1700000001234' });
    const coarse = body({ joinedAt: '1700000001' });
    const neither = body({});
    expect((await verifier.verify(precise, await sign(precise))).participant?.joinedAt).toEqual(
      new Date(1_700_000_001_234),
    );
    expect((await verifier.verify(coarse, await sign(coarse))).participant?.joinedAt).toEqual(
      new Date(1_700_000_001_000),
    );
    expect((await verifier.verify(neither, await sign(neither))).participant?.joinedAt).toBe(
      undefined,
    );
  });

  it('reads track and egress details without handing out SDK objects', async () => {
    const body = JSON.stringify({
      id: 'EV_2',
      event: 'egress_ended',
      track: { sid: 'TR_1', source: 'SCREEN_SHARE', muted: true },
      egressInfo: {
        egressId: 'EG_1',
        roomName: 'room-1',
        status: 'EGRESS_COMPLETE',
        startedAt: '1700000000000000000',
        endedAt: '1700000060000000000',
        fileResults: [{ filename: '/data/x.mp4', duration: '60000000000', size: '1234' }],
      },
    });
    const event = await verifier.verify(body, await sign(body));
    expect(event.track).toEqual({ sid: 'TR_1', source: 'screen_share', muted: true });
    expect(event.egress).toEqual({
      egressId: 'EG_1',
      roomName: 'room-1',
      status: 'complete',
      startedAt: new Date(1_700_000_000_000),
      endedAt: new Date(1_700_000_060_000),
      durationMs: 60_000,
      sizeBytes: 1234,
      location: '/data/x.mp4',
      error: undefined,
    });
    expect(event.room).toBeUndefined();
    expect(event.createdAt).toBeUndefined();
  });

  it('rejects a body that is not the one signed, and a signature made with another secret', async () => {
    const body = JSON.stringify({ id: 'EV_3', event: 'room_finished', room: { name: 'r' } });
    const other = JSON.stringify({ id: 'EV_4', event: 'room_finished', room: { name: 'r' } });
    await expect(verifier.verify(body, await sign(other))).rejects.toThrow();
    const forged = await sign(body, 'another-secret-of-at-least-thirty-two-chars');
    await expect(verifier.verify(body, forged)).rejects.toThrow();
  });
});
