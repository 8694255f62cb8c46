import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  caddyBinary,
  caddyEnv,
  DEPLOY_CADDYFILE,
} from '../../../apps/server/test/support/caddy.js';

/** Caddy's storage and config folders for these commands: a temporary folder, never ~. */
const dir = mkdtempSync(join(tmpdir(), 'stagecast-caddyfile-'));

function caddy(command: 'validate' | 'adapt', env: Record<string, string>) {
  const res = spawnSync(
    caddyBinary(),
    [command, '--adapter', 'caddyfile', '--config', DEPLOY_CADDYFILE],
    { cwd: dir, env: caddyEnv(dir, env), encoding: 'utf8', timeout: 20_000 },
  );
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

interface Route {
  match?: { path?: string[]; host?: string[] }[];
  handle?: { handler: string; routes?: Route[]; upstreams?: { dial: string }[] }[];
}

/** The upstreams each route of the adapted config sends to, by its path matcher. */
function upstreamsByPath(adapted: string): Map<string, string[]> {
  const config = JSON.parse(adapted) as {
    apps: { http: { servers: Record<string, { listen: string[]; routes: Route[] }> } };
  };
  const found = new Map<string, string[]>();
  const walk = (routes: Route[], path: string) => {
    for (const route of routes) {
      const here = route.match?.find((m) => m.path)?.path?.join(' ') ?? path;
      for (const handler of route.handle ?? []) {
        if (handler.upstreams)
          found.set(
            here,
            handler.upstreams.map((u) => u.dial),
          );
        if (handler.routes) walk(handler.routes, here);
      }
    }
  };
  for (const server of Object.values(config.apps.http.servers)) walk(server.routes, '*');
  return found;
}

describe('deploy/Caddyfile', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes `caddy validate` for a real domain and for localhost', () => {
    for (const domain of ['class.example.com', 'localhost']) {
      const res = caddy('validate', { DOMAIN: domain });
      expect(res.status, `${domain}: ${res.stderr}`).toBe(0);
      expect(res.stdout + res.stderr).toContain('Valid configuration');
    }
  });

  it('stops with the variable named when DOMAIN is not set', () => {
    const res = caddy('validate', {});
    expect(res.status).not.toBe(0);
    expect(res.stderr.toLowerCase()).toContain('domain%20is%20not%20set');
  });

  it('sends /rtc and /twirp to LIVEKIT_UPSTREAM and the rest (the WHIP gateway too) to APP_UPSTREAM, on 443', () => {
    const defaults = caddy('adapt', { DOMAIN: 'class.example.com' });
    expect(defaults.status, defaults.stderr).toBe(0);
    expect(defaults.stdout).toContain('":443"');
    expect([...upstreamsByPath(defaults.stdout)]).toEqual([
      ['/rtc* /twirp*', ['localhost:7880']],
      ['*', ['localhost:3000']],
    ]);

    const set = caddy('adapt', {
      DOMAIN: 'class.example.com',
      APP_UPSTREAM: '10.0.0.5:3000 10.0.0.6:3000',
      LIVEKIT_UPSTREAM: '10.0.0.7:7880',
    });
    expect(set.status, set.stderr).toBe(0);
    expect([...upstreamsByPath(set.stdout)]).toEqual([
      ['/rtc* /twirp*', ['10.0.0.7:7880']],
      ['*', ['10.0.0.5:3000', '10.0.0.6:3000']],
    ]);
  });
});
