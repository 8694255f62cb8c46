import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { orphanSafeCommand } from '../../src/livekit/supervisor.js';
import { spawnWatched, waitFor } from './processes.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The Caddyfile that production uses: the tests run this very file, never a copy. */
export const DEPLOY_CADDYFILE = join(ROOT, 'deploy/Caddyfile');

export interface RunningCaddy {
  /** Caddy's HTTPS port on loopback. */
  port: number;
  /** `https://localhost:<port>`: the site address, as browsers open it. */
  origin: string;
  /** Caddy's local root CA (PEM), for Node clients that must trust it. */
  rootCa: string;
  /**
   * Chromium flags that trust this Caddy's local CA and nothing else: the SHA-256 of the public
   * key of the intermediate that signs the site's certificate (Chromium matches the keys of the
   * chain the server presents, which does not include the root).
   */
  chromiumArgs: string[];
  /** Everything Caddy wrote so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `caddy` on the PATH; `npm test` installs Debian's package when it is missing. */
export function caddyBinary(): string {
  const found = spawnSync('caddy', ['version'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('caddy is not installed: run the tests with `npm test`, which installs it');
  }
  return 'caddy';
}

/**
 * The environment Caddy runs with: nothing of ours but PATH, and HOME and the XDG folders in
 * `dir`, so its local CA, certificates and autosaved config stay in the test's folder.
 */
export function caddyEnv(dir: string, env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    ...env,
  };
}

/**
 * The global options a test needs, then the deploy file imported unchanged: the admin endpoint
 * off (two runs never fight over :2019), the redirect listener on a free port rather than 80,
 * loopback only, storage in the test's folder, and the local CA kept out of the system's trust
 * store (Caddy installs it there when it runs as root).
 */
function wrapperCaddyfile(dir: string, httpPort: number): string {
  return [
    '{',
    '\tadmin off',
    '\tskip_install_trust',
    '\tdefault_bind 127.0.0.1',
    `\thttp_port ${httpPort}`,
    `\tstorage file_system ${join(dir, 'storage')}`,
    '}',
    `import ${DEPLOY_CADDYFILE}`,
    '',
  ].join('\n');
}

function spkiHash(pem: string): string {
  const key = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(key).digest('base64');
}

/**
 * Runs the real Caddy (`caddy run`) with deploy/Caddyfile as `DOMAIN=localhost:<port>`, so it
 * serves HTTPS with a certificate from its own local CA, in front of `appUpstream` and
 * `livekitUpstream`. Resolves once `/healthz` answers 200 through it over verified TLS.
 */
export async function startCaddy(options: {
  /** The HTTPS port (reserve it first with `freePortBlock(1)` when the app must know it). */
  port?: number;
  appUpstream: string;
  livekitUpstream: string;
  timeoutMs?: number;
}): Promise<RunningCaddy> {
  const binary = caddyBinary();
  const port = options.port ?? (await freePortBlock(1));
  const httpPort = await freePortBlock(1);
  const dir = mkdtempSync(join(tmpdir(), 'stagecast-caddy-'));
  const config = join(dir, 'Caddyfile');
  writeFileSync(config, wrapperCaddyfile(dir, httpPort));
  const [cmd, args] = orphanSafeCommand(binary, [
    'run',
    '--config',
    config,
    '--adapter',
    'caddyfile',
  ]);
  const { child, output, exited } = spawnWatched(cmd, args, {
    cwd: dir,
    env: caddyEnv(dir, {
      DOMAIN: `localhost:${port}`,
      APP_UPSTREAM: options.appUpstream,
      LIVEKIT_UPSTREAM: options.livekitUpstream,
    }),
  });
  let finished = false;
  void exited.then(() => (finished = true));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const ca = join(dir, 'storage/pki/authorities/local');
  try {
    const { rootCa, intermediate } = await waitFor(
      () => {
        if (finished)
          throw new Error(`caddy exited before it was ready:\n${output().slice(-3000)}`);
        // The root is written first and the intermediate a moment later, each file created
        // before its content is in: wait until both read as whole certificates.
        try {
          const found = {
            rootCa: readFileSync(join(ca, 'root.crt'), 'utf8'),
            intermediate: readFileSync(join(ca, 'intermediate.crt'), 'utf8'),
          };
          new X509Certificate(found.rootCa);
          new X509Certificate(found.intermediate);
          return found;
        } catch {
          return undefined;
        }
      },
      options.timeoutMs ?? 20_000,
      "Caddy's local CA",
    );
    const caddy: RunningCaddy = {
      port,
      origin: `https://localhost:${port}`,
      rootCa,
      chromiumArgs: [`--ignore-certificate-errors-spki-list=${spkiHash(intermediate)}`],
      output,
      stop,
    };
    await waitFor(
      async () => {
        if (finished)
          throw new Error(`caddy exited before it was ready:\n${output().slice(-3000)}`);
        const res = await requestThrough(caddy, { path: '/healthz' }).catch(() => undefined);
        return res?.status === 200;
      },
      options.timeoutMs ?? 20_000,
      `${caddy.origin}/healthz through Caddy`,
      100,
    );
    return caddy;
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface ProxiedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names and values as they came, repeats included. */
  rawHeaders: string[];
  body: string;
}

/**
 * One HTTPS request to Caddy, verified against its local CA, from `localAddress` (any 127.x
 * address: on Linux the whole 127.0.0.0/8 is loopback, so a test can be several clients).
 */
export function requestThrough(
  caddy: Pick<RunningCaddy, 'port' | 'rootCa'>,
  options: {
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    agent?: Agent;
  },
): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: caddy.port,
        servername: 'localhost',
        ca: caddy.rootCa,
        path: options.path,
        method: options.method ?? 'GET',
        localAddress: options.localAddress,
        agent: options.agent ?? false,
        headers: { host: `localhost:${caddy.port}`, ...options.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.path}: timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
