import { describe, expect, it } from 'vitest';
import type { EmbeddedServerOptions } from './server-config.js';
import { buildServerConfig } from './server-config.js';

const base: EmbeddedServerOptions = {
  keys: { apiKey: 'APIkey', apiSecret: 's'.repeat(32) },
  port: 7880,
  rtcTcpPort: 7881,
  rtcUdpPort: 7882,
  nodeIp: '203.0.113.7',
  bindAddresses: ['0.0.0.0'],
  webhookUrl: 'http://127.0.0.1:3000/api/livekit/webhook',
  logLevel: 'info',
  prometheus: { port: 7883 },
};

const tls = {
  port: 5349,
  domain: 'turn.example.com',
  certFile: '/etc/stagecast/turn.crt',
  keyFile: '/etc/stagecast/turn.key',
};

describe("the embedded server's turn section", () => {
  it('keeps TURN disabled without TURN settings', () => {
    expect(buildServerConfig(base).turn).toEqual({ enabled: false });
    expect(
      buildServerConfig({ ...base, turn: { udpPort: undefined, tls: undefined } }).turn,
    ).toEqual({ enabled: false });
  });

  it('writes the UDP port alone, on every IPv4 interface', () => {
    expect(buildServerConfig({ ...base, turn: { udpPort: 3478, tls: undefined } }).turn).toEqual({
      enabled: true,
      bind_addresses: ['0.0.0.0'],
      udp_port: 3478,
    });
  });

  it("writes the TLS port, domain and files under LiveKit's own key names", () => {
    expect(buildServerConfig({ ...base, turn: { udpPort: 3478, tls } }).turn).toEqual({
      enabled: true,
      bind_addresses: ['0.0.0.0'],
      udp_port: 3478,
      tls_port: 5349,
      domain: 'turn.example.com',
      cert_file: '/etc/stagecast/turn.crt',
      key_file: '/etc/stagecast/turn.key',
    });
    expect(
      buildServerConfig({ ...base, turn: { udpPort: undefined, tls } }).turn,
    ).not.toHaveProperty('udp_port');
  });

  it('binds TURN to the IPv6 wildcard when the node IP is IPv6, so LiveKit finds a relay address', () => {
    const config = buildServerConfig({
      ...base,
      nodeIp: '2001:db8::7',
      turn: { udpPort: 3478, tls: undefined },
    });
    expect(config.turn).toMatchObject({ bind_addresses: ['::'] });
  });

  it('never opens the relay to loopback or private peers', () => {
    for (const turn of [undefined, { udpPort: 3478, tls }]) {
      const text = JSON.stringify(buildServerConfig({ ...base, turn }));
      expect(text).not.toContain('allow_restricted_peer_cidrs');
      expect(text).not.toContain('external_tls');
    }
  });
});

describe("the embedded server's webhook section", () => {
  it("keeps a join storm's webhooks queued rather than dropped (LiveKit's default: 200, 30 s)", () => {
    expect(buildServerConfig(base).webhook).toEqual({
      api_key: 'APIkey',
      urls: ['http://127.0.0.1:3000/api/livekit/webhook'],
      resource_url_notifier: { max_depth: 5000, max_age: '120s' },
    });
  });
});
