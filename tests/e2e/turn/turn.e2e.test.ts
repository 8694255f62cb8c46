import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../apps/server/src/config.js';
import { startLivekit } from '../../../apps/server/src/livekit/index.js';
import type { LivekitRuntime } from '../../../apps/server/src/livekit/index.js';
import { livekitBinary } from '../../../apps/server/test/support/app-process.js';
import { publishSyntheticVideo } from '../../../apps/server/test/support/media.js';
import type { Publisher } from '../../../apps/server/test/support/media.js';
import { freePortBlock } from '../../../scripts/free-ports.mjs';
import { keepTurnTransport, receiveThroughRelay } from '../support/relay-client.js';
import type { RelayTransport } from '../support/relay-client.js';
import { createTurnLab, TURN_DOMAIN } from '../support/turn-lab.js';
import type { TurnLab } from '../support/turn-lab.js';

const ROOM = 'class';

interface Embedded {
  runtime: LivekitRuntime;
  /** Where clients connect: the host's end of the client's link. */
  url: string;
  ports: { signal: number; rtcUdp: number; turnUdp: number; turnTls: number };
  dataDir: string;
  logs(): string;
}

/**
 * The embedded LiveKit as the server starts it (settings → `parseConfig` → generated config →
 * supervised child), advertising `nodeIp`, with `env` on top; its room exists.
 */
async function startEmbedded(
  nodeIp: string,
  env: (ports: Embedded['ports']) => Record<string, string>,
) {
  const signal = await freePortBlock(5);
  const ports = { signal, rtcUdp: signal + 2, turnUdp: signal + 3, turnTls: signal + 4 };
  const dataDir = mkdtempSync(join(tmpdir(), 'turn-e2e-'));
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      // Nothing listens there: LiveKit's webhooks are not what this test looks at.
      PORT: String(await freePortBlock(1)),
      DATA_DIR: dataDir,
      LIVEKIT_PORT: String(signal),
      LIVEKIT_NODE_IP: nodeIp,
      LIVEKIT_SERVER_BIN: livekitBinary(),
      ...env(ports),
    },
    dataDir,
  );
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      output += chunk.toString();
      done();
    },
  });
  const runtime = await startLivekit(config, pino({ level: 'info' }, sink));
  await runtime.rooms.create(ROOM, '');
  return { runtime, url: `ws://${nodeIp}:${signal}`, ports, dataDir, logs: () => output };
}

async function token(livekit: Embedded, identity: string, canPublish: boolean): Promise<string> {
  const { apiKey, apiSecret } = livekit.runtime.keys;
  const at = new AccessToken(apiKey, apiSecret, { identity, ttl: 300 });
  at.addGrant({ roomJoin: true, room: ROOM, canPublish, canSubscribe: true });
  return at.toJwt();
}

describe('TURN from the embedded LiveKit, for a client that may use relays only', () => {
  let lab: TurnLab;
  let turnOn: Embedded;
  let turnOff: Embedded;
  let browser: Browser;
  /** The same Chromium in the same network, but its NSS store does not know the test CA. */
  let untrusting: Browser;
  const publishers: Publisher[] = [];

  beforeAll(async () => {
    lab = createTurnLab();
    [turnOn, turnOff] = await Promise.all([
      startEmbedded(lab.net.hostAddress, (ports) =>
        lab.turnSettings({ udp: ports.turnUdp, tls: ports.turnTls }),
      ),
      startEmbedded(lab.net.hostAddress, () => ({})),
    ]);
    await lab.routeTurnTls(turnOn.ports.turnTls);
    // The host: a real client in this (the server's) network publishing a changing picture.
    for (const livekit of [turnOn, turnOff]) {
      publishers.push(await publishSyntheticVideo(livekit.url, await token(livekit, 'host', true)));
    }
    [browser, untrusting] = await Promise.all([
      lab.launchChromium(),
      lab.launchChromium({ trustTestCa: false }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), untrusting?.close()]);
    await Promise.all(publishers.map((p) => p.stop()));
    await Promise.all([turnOn?.runtime.stop(), turnOff?.runtime.stop()]);
    await lab?.dispose();
    for (const dir of [turnOn?.dataDir, turnOff?.dataDir]) {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  async function viewer(
    livekit: Embedded,
    transport: RelayTransport,
    options: { policy?: RTCIceTransportPolicy; timeoutMs?: number; in?: Browser } = {},
  ) {
    const { in: chromium = browser, ...join } = options;
    const context = await chromium.newContext();
    try {
      await keepTurnTransport(context, transport);
      const page = await context.newPage();
      return await receiveThroughRelay(page, {
        url: livekit.url,
        token: await token(livekit, `viewer-${transport}-${Date.now()}`, false),
        ...join,
      });
    } finally {
      await context.close();
    }
  }

  it("writes LiveKit's turn section from the settings, with no allow-list of private peers", () => {
    const written = JSON.parse(readFileSync(join(turnOn.dataDir, 'livekit.yaml'), 'utf8')) as {
      turn: Record<string, unknown>;
      rtc: { node_ip: string };
    };
    expect(written.rtc.node_ip).toBe(lab.net.hostAddress);
    expect(written.turn).toEqual({
      enabled: true,
      bind_addresses: ['0.0.0.0'],
      udp_port: turnOn.ports.turnUdp,
      tls_port: turnOn.ports.turnTls,
      domain: TURN_DOMAIN,
      cert_file: expect.stringMatching(/turn\.stagecast\.test\.crt$/),
      key_file: expect.stringMatching(/turn\.stagecast\.test\.key$/),
    });
    expect(turnOn.logs()).not.toContain('allow_restricted');
  });

  it("decodes the host's video through TURN over UDP", async () => {
    const result = await viewer(turnOn, 'udp');
    // LiveKit hands both TURN transports, with its own credentials, in the join response.
    expect(result.iceServerUrls).toEqual([
      `turn:${lab.net.hostAddress}:${turnOn.ports.turnUdp}?transport=udp`,
      `turns:${TURN_DOMAIN}:443?transport=tcp`,
    ]);
    expect(result.policies.length).toBeGreaterThan(0);
    expect(new Set(result.policies)).toEqual(new Set(['relay']));
    expect(result.error).toBeUndefined();
    expect(result.frames, JSON.stringify(result)).toBeGreaterThanOrEqual(5);
    expect(result.width).toBe(320);
    // Gathered from TURN's answer: the relayed address on the server, nothing local.
    expect(result.candidates.length).toBeGreaterThan(0);
    expect(result.candidates.every((c) => c === `relay udp ${lab.net.hostAddress}`)).toBe(true);
    expect(result.pairs).toContainEqual({
      localType: 'relay',
      relayProtocol: 'udp',
      remote: `${lab.net.hostAddress}:${turnOn.ports.rtcUdp}`,
    });
    expect(result.pairs.every((p) => p.localType === 'relay')).toBe(true);
  });

  it("decodes the host's video through TURN over TLS, with a certificate the client verified", async () => {
    const result = await viewer(turnOn, 'tls');
    expect(result.error).toBeUndefined();
    expect(result.iceErrors).toEqual([]);
    expect(result.frames, JSON.stringify(result)).toBeGreaterThanOrEqual(5);
    expect(result.width).toBe(320);
    expect(result.pairs).toContainEqual({
      localType: 'relay',
      relayProtocol: 'tls',
      remote: `${lab.net.hostAddress}:${turnOn.ports.rtcUdp}`,
    });
    expect(result.pairs.every((p) => p.localType === 'relay' && p.relayProtocol === 'tls')).toBe(
      true,
    );
  });

  it('gets no TLS relay for a client that does not trust the certificate', async () => {
    const result = await viewer(turnOn, 'tls', { in: untrusting, timeoutMs: 5_000 });
    // Chromium drops the TLS connection to TURN (701: no allocation), so nothing is relayed.
    expect(result.iceErrors).toContain(
      `turns:${TURN_DOMAIN}:443?transport=tcp 701 Failed to establish connection`,
    );
    expect(result.candidates).toEqual([]);
    expect(result.connected).toBe(false);
    expect(result.frames).toBe(0);
  });

  it('leaves the same client without media when TURN is off, though its network reaches LiveKit', async () => {
    // The network is fine: allowed every candidate, the client decodes the video directly.
    const direct = await viewer(turnOff, 'any', { policy: 'all' });
    expect(direct.error).toBeUndefined();
    expect(direct.frames, JSON.stringify(direct)).toBeGreaterThanOrEqual(5);
    // Its own address (prflx: Chromium hides host addresses behind mDNS names), no relay.
    expect(direct.pairs.map((p) => [p.localType, p.remote])).toContainEqual([
      expect.stringMatching(/^(host|prflx)$/),
      `${lab.net.hostAddress}:${turnOff.ports.rtcUdp}`,
    ]);

    // Relay only: LiveKit offers no TURN server (STUN only), so there is no candidate to try,
    // and livekit-client gives up on the peer connection.
    const relayed = await viewer(turnOff, 'any', { timeoutMs: 5_000 });
    // LiveKit's default public STUN servers, useless to a relay-only client (and unreachable here).
    expect(relayed.iceServerUrls.length).toBeGreaterThan(0);
    expect(relayed.iceServerUrls.filter((u) => !u.startsWith('stun:'))).toEqual([]);
    expect(relayed.candidates).toEqual([]);
    expect(relayed.connected).toBe(false);
    expect(relayed.error).toMatch(/could not establish pc connection/);
    expect(relayed.frames).toBe(0);
  });
});
