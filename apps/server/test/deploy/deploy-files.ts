import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';

/**
 * The production files (deploy/, Dockerfile) read the way their tools read them, for the checks
 * that need no container engine: compose.yaml and livekit.yaml as YAML, compose's `${...}`
 * interpolation, the Caddyfile's `{$NAME:default}` placeholders, env files.
 */

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function repoPath(path: string): string {
  return `${ROOT}${path}`;
}

export function readRepoFile(path: string): string {
  return readFileSync(repoPath(path), 'utf8');
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  network_mode?: string;
  environment?: Record<string, string | number | boolean | null>;
  env_file?: unknown;
  volumes?: string[];
  depends_on?: unknown;
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(): ComposeFile {
  return parse(readRepoFile('deploy/compose.yaml')) as ComposeFile;
}

export interface LivekitYaml {
  port: number;
  bind_addresses?: string[];
  rtc: { tcp_port: number; udp_port: number; use_external_ip?: boolean };
  redis?: { address: string; db?: number };
  room?: { auto_create?: boolean };
  webhook: { api_key: string; urls: string[] };
  turn?: { enabled: boolean };
  prometheus?: { port: number };
  [key: string]: unknown;
}

export function readLivekitYaml(): LivekitYaml {
  return parse(readRepoFile('deploy/livekit.yaml')) as LivekitYaml;
}

/** An env file (`NAME=value` lines) as the app and compose read it. */
export function readEnvFile(path: string): Record<string, string> {
  return parseEnv(readRepoFile(path)) as Record<string, string>;
}

/** Every `NAME=` an env file mentions, set or commented out (`# NAME=...`). */
export function namesInEnvFile(path: string): string[] {
  return [...readRepoFile(path).matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

/** Every variable a compose value interpolates: `${NAME}`, `${NAME:?msg}`, `${NAME:-default}`. */
export function composeVariables(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/**
 * Compose's interpolation of one value: `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?message}`, `${NAME?message}`. A required variable that is missing (or empty, with
 * the colon) throws with compose's message, as `docker compose up` stops with it.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (_all, name: string, colon: string, kind: string | undefined, arg: string) => {
      const v = vars[name];
      const missing = v === undefined || (colon === ':' && v === '');
      if (kind === '?' && missing) throw new Error(`${name}: ${arg}`);
      if (kind === '-' && missing) return arg;
      return v ?? '';
    },
  );
}

/** A service's `environment` with every value interpolated from `vars`. */
export function serviceEnvironment(
  service: ComposeService,
  vars: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value ?? ''), vars),
    ]),
  );
}

/** The Caddyfile's environment placeholders, `{$NAME}` or `{$NAME:default}`, by name. */
export function caddyPlaceholders(caddyfile: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const m of caddyfile.matchAll(/\{\$([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g)) {
    found.set(m[1]!, m[2]);
  }
  return found;
}

/** `127.0.0.1:3000`, `localhost:7880` or a URL's host and port. */
export function hostAndPort(address: string): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  const port = url.port
    ? Number(url.port)
    : ({ 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 } as Record<string, number>)[
        url.protocol
      ];
  if (port === undefined) throw new Error(`no port in ${address}`);
  return { host: url.hostname, port };
}

/** The value after `flag` in an argument list (`--port 6379`, `-c port=5432`). */
export function argAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

/** Every `-c name=value` of a postgres command line, by name. */
export function postgresSettings(args: string[]): Map<string, string> {
  const settings = new Map<string, string>();
  args.forEach((arg, i) => {
    if (arg !== '-c') return;
    const [name, ...value] = (args[i + 1] ?? '').split('=');
    settings.set(name!, value.join('='));
  });
  return settings;
}
