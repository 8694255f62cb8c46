import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { orphanSafeCommand } from '../../src/livekit/supervisor.js';
import { caddyBinary, caddyEnv } from './caddy.js';
import { spawnWatched, waitFor } from './processes.js';

/** The header naming the upstream that answered (`127.0.0.1:<port>`). */
export const UPSTREAM_HEADER = 'x-upstream';

export interface Balancer {
  /** `http://127.0.0.1:<port>`: the one address in front of the upstreams. */
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real Caddy as a plain-HTTP load balancer on loopback: requests and WebSockets spread
 * round-robin over `upstreams` (`host:port`), each answer naming its upstream in
 * `X-Upstream`; an upstream that is down (its `healthPath` not answering) is passed over. For topology tests; deploy/Caddyfile is the production front (HTTPS).
 */
export async function startBalancer(
  upstreams: string[],
  /** What answers 200 on a healthy upstream (`/healthz` of the app, `/` of LiveKit). */
  healthPath: string,
): Promise<Balancer> {
  const port = await freePortBlock(1);
  const dir = mkdtempSync(join(tmpdir(), 'stagecast-balancer-'));
  const config = join(dir, 'Caddyfile');
  writeFileSync(
    config,
    [
      '{',
      '\tadmin off',
      '\tauto_https off',
      `\tstorage file_system ${join(dir, 'storage')}`,
      '}',
      `http://127.0.0.1:${port} {`,
      '\tbind 127.0.0.1',
      `\treverse_proxy ${upstreams.join(' ')} {`,
      '\t\tlb_policy round_robin',
      // As deploy/Caddyfile: a connection refused (a killed upstream) is tried on the next one,
      // the active check leaves a dead one out within 2 s. No passive check: one request cut
      // by a kill must not put the living upstream out too.
      '\t\tlb_try_duration 5s',
      `\t\thealth_uri ${healthPath}`,
      '\t\thealth_interval 2s',
      '\t\tflush_interval -1',
      `\t\theader_down ${UPSTREAM_HEADER} {http.reverse_proxy.upstream.hostport}`,
      '\t}',
      '}',
      '',
    ].join('\n'),
  );
  const [cmd, args] = orphanSafeCommand(caddyBinary(), [
    'run',
    '--config',
    config,
    '--adapter',
    'caddyfile',
  ]);
  const { child, output, exited } = spawnWatched(cmd, args, { cwd: dir, env: caddyEnv(dir, {}) });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`caddy exited:\n${output().slice(-2000)}`);
        const res = await fetch(origin).catch(() => undefined);
        return res !== undefined;
      },
      15_000,
      'the Caddy balancer',
      100,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, output, stop };
}
