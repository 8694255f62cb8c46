import { randomBytes } from 'node:crypto';
import { apiRoutes } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { LIVEKIT_SERVER_VERSION } from '../../../../scripts/livekit-server.mjs';
import { CONFIG_AREAS, parseConfig, productionWarnings } from '../../src/config.js';
import {
  argAfter,
  caddyPlaceholders,
  composeVariables,
  hostAndPort,
  interpolate,
  postgresSettings,
  readCompose,
  readEnvFile,
  readLivekitYaml,
  readRepoFile,
  serviceEnvironment,
} from './deploy-files.js';

/**
 * deploy/compose.yaml without a container engine (CI has none): what `docker compose` would
 * read, checked against what the app, LiveKit (deploy/livekit.yaml) and Caddy (deploy/Caddyfile)
 * expect. compose-stack.int.test.ts then runs its LiveKit and app settings on the real binaries.
 */

const compose = readCompose();
const services = compose.services;
const livekitYaml = readLivekitYaml();
const caddyfile = readRepoFile('deploy/Caddyfile');
const configVariables = new Set(CONFIG_AREAS.flatMap((area) => area.variables));

/** deploy/.env as a self-hoster fills it in: the example, with the secrets it leaves empty. */
function filledEnv(): Record<string, string> {
  const env = readEnvFile('deploy/compose.env.example');
  return {
    ...env,
    LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET || randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: env.POSTGRES_PASSWORD || randomBytes(24).toString('hex'),
  };
}

function service(name: string) {
  const found = services[name];
  if (!found) throw new Error(`compose.yaml has no service ${name}`);
  return found;
}

function commandArgs(name: string): string[] {
  const command = service(name).command;
  if (!Array.isArray(command)) throw new Error(`${name}: command should be a list`);
  return command;
}

const vars = filledEnv();
const appEnv = serviceEnvironment(service('app'), vars);
const caddyEnv = serviceEnvironment(service('caddy'), vars);
const livekitEnv = serviceEnvironment(service('livekit'), vars);
const postgresEnv = serviceEnvironment(service('postgres'), vars);

describe('deploy/compose.yaml', () => {
  it('runs the app, LiveKit, PostgreSQL, Redis and Caddy, all on the host network as LiveKit does', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'caddy', 'livekit', 'postgres', 'redis']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.network_mode, name).toBe('host');
    }
  });

  it('pins every image to a version: LiveKit to the one `npm start` installs, PostgreSQL 16, Redis 7, Caddy 2', () => {
    const images = Object.fromEntries(
      Object.entries(services)
        .filter(([, s]) => s.image)
        .map(([name, s]) => [name, s.image!]),
    );
    expect(images.livekit).toBe(`livekit/livekit-server:v${LIVEKIT_SERVER_VERSION}`);
    expect(images.postgres).toMatch(/^postgres:16\.\d+(-[a-z0-9.]+)?$/);
    expect(images.redis).toMatch(/^redis:7\.\d+\.\d+(-[a-z0-9.]+)?$/);
    expect(images.caddy).toMatch(/^caddy:2\.\d+\.\d+(-[a-z0-9.]+)?$/);
    for (const [name, image] of Object.entries(images)) {
      expect(image, name).not.toMatch(/:latest$|^[^:]+$/);
    }
    // The app is built from the Dockerfile here, not pulled.
    expect(service('app').build).toMatchObject({ context: '..', dockerfile: 'Dockerfile' });
    expect(service('app').image).toBeUndefined();
  });

  it("sets only variables the app's config knows, and they pass its production checks without a warning", () => {
    const unknown = Object.keys(appEnv).filter((name) => !configVariables.has(name));
    expect(unknown).toEqual([]);
    // env_file hands deploy/.env to the app too; compose's environment wins over it.
    const config = parseConfig({ ...vars, ...appEnv }, '/app');
    expect(productionWarnings(config)).toEqual([]);
    expect(config.publicUrl).toBe(`https://${vars.DOMAIN}`);
    expect(config.livekit).toMatchObject({
      mode: 'external',
      url: 'http://127.0.0.1:7880',
      publicUrl: `wss://${vars.DOMAIN}`,
    });
    expect(config.databaseUrl).toBeDefined();
    expect(config.redisUrl).toBeDefined();
    expect(config.trustProxy).toBe('127.0.0.1');
    expect(service('app').env_file).toEqual([{ path: '.env', required: true }]);
  });

  it('stops with the variable named when deploy/.env leaves a secret out', () => {
    expect(() => serviceEnvironment(service('app'), { ...vars, LIVEKIT_API_SECRET: '' })).toThrow(
      /^LIVEKIT_API_SECRET: set LIVEKIT_API_SECRET in deploy\/\.env$/,
    );
    expect(() => serviceEnvironment(service('livekit'), { ...vars, LIVEKIT_NODE_IP: '' })).toThrow(
      /^LIVEKIT_NODE_IP: /,
    );
  });

  it('explains in compose.env.example every variable it interpolates, and the example leaves no secret filled in', () => {
    const used = new Set(
      Object.values(services).flatMap((s) =>
        Object.values(s.environment ?? {}).flatMap((v) => composeVariables(String(v))),
      ),
    );
    const example = readEnvFile('deploy/compose.env.example');
    expect([...used].sort()).toEqual(Object.keys(example).sort());
    expect(example.LIVEKIT_API_SECRET).toBe('');
    expect(example.POSTGRES_PASSWORD).toBe('');
  });

  it("agrees with livekit.yaml: the app reaches LiveKit's signal port, LiveKit posts webhooks to the app's port and route", () => {
    expect(hostAndPort(appEnv.LIVEKIT_URL!)).toEqual({ host: '127.0.0.1', port: livekitYaml.port });
    const [webhookUrl, ...others] = livekitYaml.webhook.urls;
    expect(others).toEqual([]);
    const webhook = new URL(webhookUrl!);
    expect(webhook.hostname).toBe('127.0.0.1');
    expect(Number(webhook.port)).toBe(Number(appEnv.PORT));
    expect(webhook.pathname).toBe(apiRoutes.livekitWebhook.path);
    expect(livekitYaml.room?.auto_create).toBe(false);
  });

  it("samples bandwidth from livekit.yaml's own Prometheus listener, on loopback", () => {
    const metrics = new URL(appEnv.LIVEKIT_METRICS_URL!);
    expect(hostAndPort(metrics.origin)).toEqual({
      host: '127.0.0.1',
      port: livekitYaml.prometheus?.port,
    });
    expect(metrics.pathname).toBe('/metrics');
  });

  it('gives LiveKit and the app one key: the name the webhooks are signed with, the secret from deploy/.env', () => {
    const keyName = livekitYaml.webhook.api_key;
    expect(appEnv.LIVEKIT_API_KEY).toBe(keyName);
    // LIVEKIT_KEYS is LiveKit's "key: secret" list.
    expect(livekitEnv.LIVEKIT_KEYS).toBe(`${keyName}: ${vars.LIVEKIT_API_SECRET}`);
    expect(appEnv.LIVEKIT_API_SECRET).toBe(vars.LIVEKIT_API_SECRET);
    expect(livekitEnv.NODE_IP).toBe(vars.LIVEKIT_NODE_IP);
    expect(JSON.stringify(livekitYaml)).not.toContain(vars.LIVEKIT_API_SECRET!);
  });

  it("agrees with the Caddyfile: Caddy gets the variables it reads, pointing at the app's and LiveKit's ports", () => {
    const placeholders = caddyPlaceholders(caddyfile);
    expect([...placeholders.keys()].sort()).toEqual(['APP_UPSTREAM', 'DOMAIN', 'LIVEKIT_UPSTREAM']);
    expect(Object.keys(caddyEnv).sort()).toEqual(['APP_UPSTREAM', 'DOMAIN', 'LIVEKIT_UPSTREAM']);
    expect(caddyEnv.DOMAIN).toBe(vars.DOMAIN);
    expect(hostAndPort(caddyEnv.APP_UPSTREAM!)).toEqual({
      host: appEnv.HOST,
      port: Number(appEnv.PORT),
    });
    expect(hostAndPort(caddyEnv.LIVEKIT_UPSTREAM!)).toEqual({
      host: livekitYaml.bind_addresses?.[0],
      port: livekitYaml.port,
    });
    expect(service('caddy').volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(service('livekit').volumes).toContain('./livekit.yaml:/etc/livekit.yaml:ro');
  });

  it("has Caddyfile defaults that are the app's and LiveKit's default ports, as the systemd setup relies on", () => {
    const placeholders = caddyPlaceholders(caddyfile);
    const defaults = parseConfig({}, '/app');
    expect(hostAndPort(placeholders.get('APP_UPSTREAM')!).port).toBe(defaults.port);
    const livekitDefault = hostAndPort(placeholders.get('LIVEKIT_UPSTREAM')!).port;
    expect(defaults.livekit).toMatchObject({ mode: 'embedded', port: livekitDefault });
    expect(livekitYaml.port).toBe(livekitDefault);
  });

  it('points the app at the PostgreSQL and Redis it runs, on loopback only', () => {
    const db = new URL(appEnv.DATABASE_URL!);
    const pg = postgresSettings(commandArgs('postgres'));
    expect(pg.get('listen_addresses')).toBe('127.0.0.1');
    expect(db.hostname).toBe('127.0.0.1');
    expect(db.port).toBe(pg.get('port'));
    expect(decodeURIComponent(db.username)).toBe(postgresEnv.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(postgresEnv.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);

    const redisArgs = commandArgs('redis');
    expect(argAfter(redisArgs, '--bind')).toBe('127.0.0.1');
    const redisPort = Number(argAfter(redisArgs, '--port'));
    expect(hostAndPort(appEnv.REDIS_URL!)).toEqual({ host: '127.0.0.1', port: redisPort });
    expect(hostAndPort(livekitYaml.redis!.address)).toEqual({ host: '127.0.0.1', port: redisPort });
  });

  it('keeps the app and LiveKit signalling on loopback: only Caddy and the media ports face the network', () => {
    expect(appEnv.HOST).toBe('127.0.0.1');
    expect(livekitYaml.bind_addresses).toEqual(['127.0.0.1']);
    expect(livekitYaml.rtc).toMatchObject({ tcp_port: 7881, udp_port: 7882 });
  });

  it('interpolates the way compose does', () => {
    expect(interpolate('a${X}b', { X: '1' })).toBe('a1b');
    expect(interpolate('${X:-d}', {})).toBe('d');
    expect(interpolate('${X:-d}', { X: '' })).toBe('d');
    expect(interpolate('${X-d}', { X: '' })).toBe('');
    expect(() => interpolate('${X:?say so}', { X: '' })).toThrow('X: say so');
    expect(interpolate('${X?say so}', { X: '' })).toBe('');
  });
});
