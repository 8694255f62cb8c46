import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { processCpuSeconds } from './recorder/process-cpu.js';
import { embeddedPrometheusAuth } from './runtime.js';
import { buildServerConfig } from './server-config.js';

const keys = { apiKey: 'APIkey', apiSecret: 's'.repeat(43) };

function serverConfigFor(env: Record<string, string>) {
  const config = parseConfig(env, '/srv/stagecast');
  if (config.livekit.mode !== 'embedded') throw new Error('expected the embedded LiveKit');
  const auth = embeddedPrometheusAuth(config, keys);
  return buildServerConfig({
    keys,
    port: config.livekit.port,
    rtcTcpPort: config.livekit.rtcTcpPort,
    rtcUdpPort: config.livekit.rtcUdpPort,
    nodeIp: config.livekit.nodeIp,
    bindAddresses: config.livekit.bindAddresses,
    webhookUrl: 'http://127.0.0.1:3000/api/livekit/webhook',
    logLevel: 'info',
    prometheus: { port: config.livekit.prometheusPort, ...auth },
  });
}

describe("the embedded LiveKit's Prometheus listener", () => {
  it('listens on LIVEKIT_PORT+3 on loopback, open to this machine like /metrics', () => {
    const generated = serverConfigFor({ LIVEKIT_PORT: '9000' });
    expect(generated.bind_addresses).toEqual(['127.0.0.1']);
    expect(generated.prometheus).toEqual({ port: 9003 });
  });

  it('asks for user metrics and METRICS_TOKEN once LiveKit listens beyond loopback', () => {
    const token = 't'.repeat(20);
    const generated = serverConfigFor({ LIVEKIT_NODE_IP: '192.168.1.20', METRICS_TOKEN: token });
    expect(generated.bind_addresses).toEqual(['0.0.0.0']);
    expect(generated.prometheus).toEqual({ port: 7883, username: 'metrics', password: token });
  });

  it('without METRICS_TOKEN, beyond loopback, gets a password only this app knows', () => {
    const generated = serverConfigFor({ LIVEKIT_NODE_IP: '192.168.1.20' });
    const prometheus = generated.prometheus as { username: string; password: string };
    expect(prometheus.username).toBe('metrics');
    expect(prometheus.password.length).toBeGreaterThanOrEqual(32);
    expect(prometheus.password).not.toContain(keys.apiSecret);
  });
});

describe('processCpuSeconds', () => {
  it("reads a running process's CPU time from /proc, and nothing for one that is gone", () => {
    const deadline = performance.now() + 150;
    while (performance.now() < deadline); // burn some CPU
    const seconds = processCpuSeconds(process.pid);
    const own = process.cpuUsage();
    expect(seconds).toBeGreaterThan(0.1);
    // /proc counts in hundredths of a second, and a little more passed since.
    expect(Math.abs(seconds! - (own.user + own.system) / 1e6)).toBeLessThan(0.5);
    expect(processCpuSeconds(2 ** 22 + 12345)).toBeUndefined();
    expect(processCpuSeconds(undefined)).toBeUndefined();
  });
});
