import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { livekitBinary, startApp } from '../support/app-process.js';
import type { RunningApp } from '../support/app-process.js';
import { createTestDatabase, preferredBackend } from '../support/database.js';
import type { TestDatabase } from '../support/database.js';
import { waitFor } from '../support/processes.js';
import { readCompose, readEnvFile, readLivekitYaml, serviceEnvironment } from './deploy-files.js';

/**
 * The compose stack's own settings on the real binaries, without containers: livekit-server
 * v1.13.5 with deploy/livekit.yaml and the environment compose gives it, and the app with the
 * environment compose gives the app. Only what a test machine must change is changed: free
 * ports instead of 3000/7880-7882, this run's database, Redis's address and database number.
 * It proves the file is one LiveKit accepts, that the key name and secret agree (the app's API
 * calls and LiveKit's signed webhooks both go through), and that the app starts ready with no
 * production warning.
 */

const DOMAIN = 'live.example.test';

let db: TestDatabase;
let app: RunningApp;
let livekit: ChildProcess | undefined;
let livekitOutput = '';

beforeAll(async () => {
  const compose = readCompose();
  const vars = {
    ...readEnvFile('deploy/compose.env.example'),
    DOMAIN,
    LIVEKIT_NODE_IP: '127.0.0.1',
    LIVEKIT_API_SECRET: randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  };
  const appEnv = serviceEnvironment(compose.services.app!, vars);
  const livekitEnv = serviceEnvironment(compose.services.livekit!, vars);

  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const livekitPort = await freePortBlock(4);
  db = await createTestDatabase(preferredBackend());
  // PORT, HOST and DATA_DIR come from startApp (free port, loopback, this test's folder).
  const env: Record<string, string> = { ...appEnv };
  for (const name of ['PORT', 'HOST', 'DATA_DIR']) delete env[name];
  env.LIVEKIT_URL = `http://127.0.0.1:${livekitPort}`;
  env.LIVEKIT_METRICS_URL = `http://127.0.0.1:${livekitPort + 3}/metrics`;
  env.REDIS_URL = `redis://${redis.host}/1`;
  if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
  else delete env.DATABASE_URL;
  app = await startApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, env });

  const config = readLivekitYaml();
  config.port = livekitPort;
  config.rtc = { ...config.rtc, tcp_port: livekitPort + 1, udp_port: livekitPort + 2 };
  config.prometheus = { port: livekitPort + 3 };
  // A database of its own: LiveKit nodes sharing one form a cluster and route rooms to each other.
  config.redis = { address: redis.host, db: 8 + (livekitPort % 8) };
  config.webhook = {
    ...config.webhook,
    urls: config.webhook.urls.map((u) => {
      const url = new URL(u);
      url.port = String(app.port);
      return url.toString();
    }),
  };
  const configPath = join(db.dataDir, 'compose-livekit.yaml');
  writeFileSync(configPath, stringify(config), { mode: 0o600 });
  // setpriv: the kernel kills LiveKit if this test worker dies, as the app's supervisor does.
  livekit = spawn(
    'setpriv',
    ['--pdeathsig', 'KILL', '--', livekitBinary(), '--config', configPath],
    {
      env: { PATH: process.env.PATH ?? '', ...livekitEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  livekit.stdout!.on('data', (d: Buffer) => (livekitOutput += d.toString()));
  livekit.stderr!.on('data', (d: Buffer) => (livekitOutput += d.toString()));
  await app.waitReady();
});

afterAll(async () => {
  await app?.stop();
  if (livekit && livekit.exitCode === null) {
    const exited = new Promise((resolve) => livekit!.once('exit', resolve));
    livekit.kill('SIGINT');
    await exited;
  }
  await db?.drop();
});

/** The status the app answered the LiveKit webhooks with, from its request log. */
function webhookStatuses(output: string): number[] {
  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map(
      (l) =>
        JSON.parse(l) as { reqId?: string; req?: { url?: string }; res?: { statusCode?: number } },
    );
  const ids = new Set(
    lines.filter((l) => l.req?.url === '/api/livekit/webhook').map((l) => l.reqId),
  );
  return lines.filter((l) => ids.has(l.reqId) && l.res?.statusCode).map((l) => l.res!.statusCode!);
}

describe('the compose stack on the real binaries', () => {
  it('has LiveKit accept deploy/livekit.yaml with the key and address compose passes it', () => {
    expect(livekit?.exitCode).toBeNull();
    expect(livekitOutput).toContain('starting LiveKit server');
    expect(livekitOutput).not.toMatch(/"level":"error"|could not parse keys/i);
  });

  it('has the app ready against that LiveKit with no production warning', async () => {
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(app.output()).not.toContain('WARNING:');
    expect(app.output()).toContain(`open https://${DOMAIN}/live`);
  });

  it("gets LiveKit's webhooks, signed with the key compose names, when a session goes live", async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const registered = await post('/api/v1/auth/register', {
      email: 'host@example.com',
      username: 'host',
      password: 'correct horse battery',
    });
    expect(registered.status).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    const created = await post(
      '/api/v1/live/sessions',
      { title: 'First live class', start_now: true },
      token,
    );
    expect(created.status).toBe(201);
    const { server_url } = (await created.json()) as { server_url: string };
    expect(server_url).toBe(`wss://${DOMAIN}`);
    // The API created the room; LiveKit reports it back through the webhook.
    const statuses = await waitFor(
      () => {
        const found = webhookStatuses(app.output());
        return found.length > 0 && found;
      },
      20_000,
      'a webhook from LiveKit',
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
  it('answers with HSTS, and a session cookie that is Secure when set and when cleared', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const page = await fetch(`${app.baseUrl}/live`);
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000');

    const registered = await fetch(`${app.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'ada@example.com',
        username: 'ada',
        password: 'a long password',
      }),
    });
    expect(registered.status).toBe(201);
    const cookie = registered.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/; Secure(;|$)/);
    const { token } = (await registered.json()) as { token: string };
    const loggedOut = await fetch(`${app.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(loggedOut.status).toBeLessThan(300);
    // Cleared with the same attributes, so the browser drops the Secure cookie.
    const cleared = loggedOut.headers.get('set-cookie');
    expect(cleared).toMatch(/Max-Age=0(;|$)/);
    expect(cleared).toMatch(/; Secure(;|$)/);
  });
});
