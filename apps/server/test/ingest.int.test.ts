import { describe, expect, it } from 'vitest';
import type { Cast, Reply } from './support/api.js';
import type { ClientPool } from './support/media.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

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
    expect(first.body).toEqual({
      whip_url: `${stack.livekitUrl.replace('ws:', 'http:')}/whip/v1`,
      key: null,
    });
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

  it('gives no key for an ended session', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    const reply = await call('POST', c.mentor.token, s.session_id, { ttl_seconds: 3600 });
    expect(reply.status).toBe(409);
    expect(reply.body.error?.reason).toBe('ended');
  });
});
