import { describe, expect, it } from 'vitest';
import { configProblems as problems, TEST_CWD as cwd } from '../test/support/config-problems.js';
import { CONFIG_AREAS, parseConfig, parseDurationSeconds } from './config.js';

describe('parseConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = parseConfig({}, cwd);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/stagecast/data');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.tokenTtlSeconds).toBe(600);
    expect(config.allowGuests).toBe(true);
    expect(config.corsOrigins).toEqual([]);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.admin).toBeUndefined();
    expect(config.livekit).toEqual({
      mode: 'embedded',
      port: 7880,
      rtcTcpPort: 7881,
      rtcUdpPort: 7882,
      prometheusPort: 7883,
      nodeIp: '127.0.0.1',
      bindAddresses: ['127.0.0.1'],
      binary: undefined,
      publicUrl: undefined,
    });
  });

  it('derives the RTC and Prometheus ports from LIVEKIT_PORT so two instances do not collide', () => {
    const config = parseConfig({ LIVEKIT_PORT: '7990' }, cwd);
    expect(config.livekit).toMatchObject({
      port: 7990,
      rtcTcpPort: 7991,
      rtcUdpPort: 7992,
      prometheusPort: 7993,
    });
  });

  it('binds LiveKit to every interface and advertises LIVEKIT_NODE_IP when set', () => {
    const config = parseConfig({ LIVEKIT_NODE_IP: '192.168.1.20' }, cwd);
    expect(config.livekit).toMatchObject({ nodeIp: '192.168.1.20', bindAddresses: ['0.0.0.0'] });
  });

  it('uses an external LiveKit when URL, key and secret are set, accepting the LIVEKIT_SERVER_URL alias', () => {
    const secret = 's'.repeat(32);
    for (const name of ['LIVEKIT_URL', 'LIVEKIT_SERVER_URL']) {
      const config = parseConfig(
        { [name]: 'wss://lk.example.com', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: secret },
        cwd,
      );
      expect(config.livekit).toEqual({
        mode: 'external',
        url: 'wss://lk.example.com',
        apiKey: 'key',
        apiSecret: secret,
        publicUrl: undefined,
      });
    }
  });

  it('parses durations, booleans, origins and absolute data folders', () => {
    const config = parseConfig(
      {
        LIVEKIT_TOKEN_TTL: '15m',
        RECORDING_EGRESS_TIMEOUT: '30s',
        ALLOW_GUESTS: 'off',
        CORS_ORIGINS: 'https://a.example.com, http://localhost:5173/',
        DATA_DIR: '/var/lib/stagecast',
        DATABASE_URL: 'postgres://u@db:5432/app',
        ADMIN_EMAIL: 'root@example.com',
        ADMIN_PASSWORD: 'long-enough',
      },
      cwd,
    );
    expect(config.tokenTtlSeconds).toBe(900);
    expect(config.recording.egressTimeoutSeconds).toBe(30);
    expect(config.allowGuests).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(config.dataDir).toBe('/var/lib/stagecast');
    expect(config.databaseUrl).toBe('postgres://u@db:5432/app');
    expect(config.admin).toEqual({ email: 'root@example.com', password: 'long-enough' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LIVEKIT_PORT: '65534' }, 'LIVEKIT_RTC_UDP_PORT'],
    [{ LIVEKIT_PORT: '3000' }, 'LIVEKIT_PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ LIVEKIT_TOKEN_TTL: 'ten minutes' }, 'LIVEKIT_TOKEN_TTL'],
    [{ LIVEKIT_TOKEN_TTL: '5s' }, 'LIVEKIT_TOKEN_TTL'],
    [{ RECORDING_EGRESS_TIMEOUT: '5m' }, 'RECORDING_EGRESS_TIMEOUT'],
    [{ ALLOW_GUESTS: 'maybe' }, 'ALLOW_GUESTS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS'],
    [{ LIVEKIT_URL: 'wss://lk.example.com' }, 'LIVEKIT_API_KEY'],
    [
      { LIVEKIT_URL: 'wss://lk', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' },
      'LIVEKIT_API_SECRET',
    ],
    [{ ADMIN_EMAIL: 'root@example.com' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough' }, 'ADMIN_EMAIL'],
    [{ LIVEKIT_NODE_IP: 'example.com' }, 'LIVEKIT_NODE_IP'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %j naming %s', (env, name) => {
    const found = problems(env);
    expect(found.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  it('never repeats a secret value in its error message', () => {
    const secret = 'hunter2-but-short';
    const found = problems({
      LIVEKIT_URL: 'wss://lk',
      LIVEKIT_API_KEY: 'k',
      LIVEKIT_API_SECRET: secret,
    });
    expect(found.join('\n')).not.toContain(secret);
  });

  it('reports every bad variable at once', () => {
    expect(problems({ PORT: 'x', ALLOW_GUESTS: 'maybe' })).toHaveLength(2);
  });
});

describe('CONFIG_AREAS', () => {
  it('declares each variable in exactly one area, so no area silently overrides another', () => {
    const names = CONFIG_AREAS.flatMap((area) => area.variables);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('PORT');
    expect(names).toContain('RECORDING_S3_FORCE_PATH_STYLE');
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['600', 600],
    ['90s', 90],
    ['10m', 600],
    ['1h', 3600],
    ['1500ms', 1],
  ])('reads %s as %i seconds', (input, seconds) => {
    expect(parseDurationSeconds(input)).toBe(seconds);
  });

  it('refuses what is not a duration', () => {
    expect(parseDurationSeconds('-1m')).toBeUndefined();
    expect(parseDurationSeconds('10 minutes')).toBeUndefined();
  });
});
