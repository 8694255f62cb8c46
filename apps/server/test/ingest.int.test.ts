import { describe, expect, it } from 'vitest';
import type { Cast, Reply } from './support/api.js';
import type { ClientPool } from './support/media.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';
import { whipCall, whipOffer } from './support/whip-client.js';
import type { WhipResponse } from './support/whip-client.js';

interface IngestKey {
  key_id: string;
  identity: string;
  created_at: string;
  expires_at: string;
}
type Body = {
  whip_url: string;
  key: IngestKey | null;
  stream_key?: string;
  error?: { code: string; reason?: string; message: string; details?: unknown };
};

const ingestPath = (sessionId: string) => `/api/v1/live/sessions/${sessionId}/ingest`;

describe('streaming from OBS: the stream key (issue 15)', () => {
  let stack: Stack;
  let c: Cast;
  let clients: ClientPool;
  useStack({ onReady: (ready) => ({ stack, c, clients } = ready) });

  const call = (method: string, token: string | undefined, sessionId: string, body?: unknown) =>
    c.api.call<Body>(method, ingestPath(sessionId), { token, body });
  const create = async (token: string, sessionId: string, ttl = 3600) => {
    const reply = await call('POST', token, sessionId, { ttl_seconds: ttl });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply as Reply<Body & { key: IngestKey; stream_key: string }>;
  };
  /** The identities LiveKit has in the session's room, asked of LiveKit itself. */
  const inRoom = async (sessionId: string) =>
    (await stack.livekit.roomService.listParticipants(sessionId)).map((p) => p.identity);
  /** After a refused WHIP call: `identity` did not join, and does not within the next second. */
  const staysOut = async (sessionId: string, identity: string) => {
    for (const wait of [0, 500, 500]) {
      await new Promise((r) => setTimeout(r, wait));
      expect(await inRoom(sessionId), `${identity} in the room`).not.toContain(identity);
    }
  };

  it('is for the host and admins only; co-hosts, viewers and the anonymous are refused', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const anonymous = await call('GET', undefined, s.session_id);
    expect(anonymous.status).toBe(401);
    const coHost = await c.api.register();
    const viewer = await c.api.register();
    for (const who of [coHost, viewer]) {
      expect((await c.api.join(who.token, s.session_id)).status).toBe(200);
    }
    expect(
      (await c.api.setRole(c.mentor.token, s.session_id, coHost.user.id, 'co_host')).status,
    ).toBe(200);
    for (const who of [coHost, viewer]) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const reply = await call(
          method,
          who.token,
          s.session_id,
          method === 'POST' ? { ttl_seconds: 3600 } : undefined,
        );
        expect(reply.status, `${method} by a non-host`).toBe(403);
        expect(reply.body.error?.reason).toBe('not_owner');
      }
    }
    const first = await call('GET', c.mentor.token, s.session_id);
    expect(first.status).toBe(200);
    // The app's own WHIP gateway on its public origin, not LiveKit's port.
    expect(first.body).toEqual({ whip_url: `${stack.config.publicUrl}/whip/v1`, key: null });
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect((await create(c.admin.token, s.session_id)).body.key.identity).toMatch(/^ingest:/);
  });

  it('refuses a TTL out of bounds or of the wrong type with a 400 naming ttl_seconds', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    for (const body of [
      {},
      { ttl_seconds: 599 },
      { ttl_seconds: 604_801 },
      { ttl_seconds: 3600.5 },
      { ttl_seconds: '3600' },
    ]) {
      const reply = await call('POST', c.mentor.token, s.session_id, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(reply.body.error)).toContain('ttl_seconds');
    }
    expect((await call('GET', c.mentor.token, s.session_id)).body.key).toBeNull();
    const edge = await create(c.mentor.token, s.session_id, 600);
    const lifetime = Date.parse(edge.body.key.expires_at) - Date.parse(edge.body.key.created_at);
    expect(Math.abs(lifetime - 600_000)).toBeLessThan(5_000);
  });

  it('shows the key once; GET shows its metadata only; rotate replaces it, revoke ends it (audited)', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const first = await create(c.mentor.token, s.session_id);
    expect(first.body.stream_key.split('.')).toHaveLength(3);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const shown = await call('GET', c.mentor.token, s.session_id);
    expect(shown.body.key).toEqual(first.body.key);
    expect(JSON.stringify(shown.body)).not.toContain(first.body.stream_key);
    expect(Object.keys(shown.body.key!).sort()).toEqual([
      'created_at',
      'expires_at',
      'identity',
      'key_id',
    ]);

    const second = await create(c.mentor.token, s.session_id, 7200);
    expect(second.body.key.key_id).not.toBe(first.body.key.key_id);
    expect(second.body.stream_key).not.toBe(first.body.stream_key);
    expect((await call('GET', c.mentor.token, s.session_id)).body.key?.key_id).toBe(
      second.body.key.key_id,
    );

    expect((await call('DELETE', c.mentor.token, s.session_id)).status).toBe(204);
    expect((await call('GET', c.mentor.token, s.session_id)).body.key).toBeNull();
    const again = await call('DELETE', c.mentor.token, s.session_id);
    expect(again.status).toBe(404);
    expect(again.body.error?.reason).toBe('no_ingest_key');

    const audit = await c.api.call<{
      entries: { action: string; details: Record<string, unknown> }[];
    }>('GET', `/api/v1/admin/audit?session_id=${s.session_id}`, { token: c.admin.token });
    const actions = audit.body.entries.map((entry) => entry.action).sort();
    expect(actions).toEqual(['ingest_key_create', 'ingest_key_create', 'ingest_key_revoke']);
    expect(JSON.stringify(audit.body)).not.toContain(first.body.stream_key);
    expect(JSON.stringify(audit.body)).not.toContain(second.body.stream_key);
  });

  it('removes the stream of a rotated or revoked key at once, and again whenever it reconnects', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const first = await create(c.mentor.token, s.session_id);
    // The key is an ordinary LiveKit token: any client connects with it, as OBS does over WHIP.
    const obs = await clients.connect(first.body.stream_key);
    expect(obs.localParticipant?.identity).toBe(first.body.key.identity);
    await new Promise((r) => setTimeout(r, 500));
    expect(obs.isConnected).toBe(true);

    const rotated = await create(c.mentor.token, s.session_id);
    await waitFor(() => !obs.isConnected, 5_000, 'the rotated key to be removed');
    const fresh = await clients.connect(rotated.body.stream_key);
    const stale = await clients.connect(first.body.stream_key).catch(() => undefined);
    if (stale) await waitFor(() => !stale.isConnected, 5_000, 'the old key to be removed on join');

    const revokedAt = Date.now();
    expect((await call('DELETE', c.mentor.token, s.session_id)).status).toBe(204);
    await waitFor(() => !fresh.isConnected, 5_000, 'the revoked key to be removed');
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
  });

  it('passes the active key through its WHIP gateway: 201, Location back to it, trickle, DELETE ends the stream', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const key = await create(c.mentor.token, s.session_id);
    const { whip_url: whipUrl, stream_key: streamKey } = key.body;
    expect(whipUrl).toBe(`${stack.config.publicUrl}/whip/v1`);
    const offer = whipOffer();
    const created = await whipCall('POST', whipUrl, streamKey, { body: offer });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/sdp');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.text).toMatch(/^v=0\r\n/);
    expect(created.text).toContain('a=recvonly');
    const location = created.headers.get('location')!;
    expect(location.startsWith(`${whipUrl}/PA_`), location).toBe(true);
    const etag = created.headers.get('etag');
    expect(etag).toBeTruthy();
    await waitFor(
      async () => (await inRoom(s.session_id)).includes(key.body.key.identity),
      5_000,
      'the stream in the room',
    );

    // Trickle ICE through the gateway: LiveKit takes a candidate for this ICE session.
    const credentials = offer.split('\r\n').filter((l) => /^a=ice-(ufrag|pwd):/.test(l));
    const fragment = [
      ...credentials,
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:0',
      'a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host',
      '',
    ].join('\r\n');
    const trickle = await whipCall('PATCH', location, streamKey, {
      body: fragment,
      headers: { 'if-match': etag! },
    });
    expect(trickle.status, trickle.text).toBe(204);
    const noEtag = await whipCall('PATCH', location, streamKey, { body: fragment });
    expect(noEtag.status).toBe(400);
    expect(noEtag.error?.details).toEqual({ field: 'if-match' });

    // Stop Streaming: DELETE of the session ends the stream in LiveKit.
    const deletedAt = Date.now();
    const deleted = await whipCall('DELETE', location, streamKey);
    expect(deleted.status, deleted.text).toBe(200);
    await waitFor(
      async () => !(await inRoom(s.session_id)).includes(key.body.key.identity),
      5_000,
      'the stream to leave the room',
    );
    console.log(`WHIP DELETE through the gateway: stream gone in ${Date.now() - deletedAt} ms`);
    // Another participant's session is not the key's to end.
    const stranger = await whipCall('DELETE', `${whipUrl}/PA_notthekeys1`, streamKey);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(streamKey);
  });

  it('refuses a rotated, revoked, forged or missing key with 401 and its reason: nothing joins LiveKit', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const first = await create(c.mentor.token, s.session_id);
    const whipUrl = first.body.whip_url;
    const refused = async (key: string | undefined, reason: string) => {
      const res = await whipCall('POST', whipUrl, key);
      expect(res.status, res.text).toBe(401);
      expect(res.error).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      return res;
    };

    // Rotated: the old key is refused at once, the new one gets in.
    const second = await create(c.mentor.token, s.session_id);
    const rotatedAt = Date.now();
    await refused(first.body.stream_key, 'ingest_key_revoked');
    console.log(`gateway: rotated key refused with 401 ${Date.now() - rotatedAt} ms after rotate`);
    await staysOut(s.session_id, first.body.key.identity);
    const live = await whipCall('POST', whipUrl, second.body.stream_key);
    expect(live.status, live.text).toBe(201);
    await waitFor(
      async () => (await inRoom(s.session_id)).includes(second.body.key.identity),
      5_000,
      'the new key to be in the room',
    );

    // Revoked: its stream removed within 5 s, then the key refused, and nothing joins.
    const revokedAt = Date.now();
    expect((await call('DELETE', c.mentor.token, s.session_id)).status).toBe(204);
    await waitFor(
      async () => !(await inRoom(s.session_id)).includes(second.body.key.identity),
      5_000,
      'the revoked stream to be removed',
    );
    const removedMs = Date.now() - revokedAt;
    expect(removedMs).toBeLessThan(5_000);
    await refused(second.body.stream_key, 'ingest_key_revoked');
    const patched = await whipCall('PATCH', live.headers.get('location')!, second.body.stream_key, {
      body: 'a=end-of-candidates\r\n',
      headers: { 'if-match': live.headers.get('etag')! },
    });
    expect(patched.status).toBe(401);
    expect(patched.error?.reason).toBe('ingest_key_revoked');
    await staysOut(s.session_id, second.body.key.identity);
    console.log(`revoke → the stream removed from LiveKit in ${removedMs} ms; the key then 401`);

    // Not a key of ours: none, not a Bearer, not a JWT, a join token, one re-signed by a forger.
    await refused(undefined, 'ingest_key_invalid');
    for (const header of ['Basic abc', 'Bearer', 'Bearer not-a-jwt']) {
      const res = await whipCall('POST', whipUrl, undefined, {
        headers: { authorization: header },
      });
      expect(res.status, header).toBe(401);
      expect(res.error?.reason, header).toBe('ingest_key_invalid');
    }
    const viewer = await c.api.register();
    const joined = await c.api.join(viewer.token, s.session_id);
    await refused(joined.body.access_token, 'ingest_key_invalid');
    const [header, payload] = first.body.stream_key.split('.');
    await refused(`${header}.${payload}.${'A'.repeat(43)}`, 'ingest_key_invalid');

    const participants = await inRoom(s.session_id);
    expect(participants.filter((identity) => identity.startsWith('ingest:'))).toEqual([]);
    const logs = stack.logs();
    for (const key of [first.body.stream_key, second.body.stream_key]) {
      expect(logs).not.toContain(key);
      expect(logs).not.toContain(key.split('.')[2]);
    }
  });

  it('answers bad WHIP input with a 4xx JSON error naming the problem, never a 500', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const key = await create(c.mentor.token, s.session_id);
    const { whip_url: whipUrl, stream_key: streamKey } = key.body;
    // What is wrong, the content type and body sent, and the field the 400 must name.
    const posts = [
      ['JSON body', 'application/json', '{}', 'content-type'],
      ['text body', 'text/plain', 'v=0', 'content-type'],
      ['unknown type', 'application/x-obs', 'x', 'content-type'],
      ['empty offer', 'application/sdp', ' ', 'body'],
      ['fragment as offer', 'application/trickle-ice-sdpfrag', 'a=mid:0', 'content-type'],
    ] as const;
    const answers: [string, WhipResponse, string][] = [];
    for (const [what, contentType, body, field] of posts) {
      const res = await whipCall('POST', whipUrl, streamKey, { body, contentType });
      answers.push([what, res, field]);
    }
    const badId = await whipCall('DELETE', `${whipUrl}/not-a-session`, streamKey);
    answers.push(['bad session id', badId, 'params.participant_id']);
    for (const [what, res, field] of answers) {
      expect(res.status, `${what}: ${res.text}`).toBe(400);
      expect(res.error?.code, what).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.error), what).toContain(field);
    }
    const huge = await whipCall('POST', whipUrl, streamKey, {
      body: `v=0\r\n${'a=x\r\n'.repeat(20_000)}`,
    });
    expect(huge.status).toBe(413);
    // A malformed offer reaches LiveKit (the key is good): its 400 comes back as ours, keyless.
    const malformed = await whipCall('POST', whipUrl, streamKey, { body: 'v=0\r\nm=nonsense\r\n' });
    expect(malformed.status, malformed.text).toBe(400);
    expect(malformed.error?.code).toBe('VALIDATION_FAILED');
    expect(malformed.error?.message).toContain('LiveKit');
    expect(malformed.text).not.toContain(streamKey);
    // WHIP's CORS preflight (a browser encoder on another origin) and a plain OPTIONS.
    const preflight = await whipCall('OPTIONS', whipUrl, undefined, {
      headers: { origin: 'https://encoder.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect((await whipCall('OPTIONS', `${whipUrl}/PA_abc`, undefined)).status).toBe(204);
    expect(await inRoom(s.session_id)).not.toContain(key.body.key.identity);

    // A session that is not live: not started yet, or ended (its key still active).
    const later = await c.api.createSession(c.mentor.token, { start_now: false });
    const early = await create(c.mentor.token, later.session_id);
    const notLive = await whipCall('POST', early.body.whip_url, early.body.stream_key);
    expect(notLive.status).toBe(409);
    expect(notLive.error?.reason).toBe('not_live');
    await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    const ended = await whipCall('POST', whipUrl, streamKey);
    expect(ended.status).toBe(409);
    expect(ended.error?.reason).toBe('ended');
  });

  it('gives no key for an ended session', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    const reply = await call('POST', c.mentor.token, s.session_id, { ttl_seconds: 3600 });
    expect(reply.status).toBe(409);
    expect(reply.body.error?.reason).toBe('ended');
    // As every 409 of an ended session (wrongState): the state it is in.
    expect(reply.body.error?.details).toEqual({ status: 'ended' });
  });

  // Last: it stops the stack's LiveKit.
  it('answers 503 livekit_unavailable when LiveKit does not answer, never a 500', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const key = await create(c.mentor.token, s.session_id);
    await stack.livekit.supervisor!.stop();
    const res = await whipCall('POST', key.body.whip_url, key.body.stream_key);
    expect(res.status, res.text).toBe(503);
    expect(res.error).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      reason: 'livekit_unavailable',
    });
    expect(res.text).not.toContain(key.body.stream_key);
    expect(stack.logs()).not.toContain(key.body.stream_key.split('.')[2]);
  });
});
