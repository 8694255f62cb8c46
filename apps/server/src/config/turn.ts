import { X509Certificate, createPrivateKey } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { optionalString, port } from './fields.js';

/**
 * TURN from the embedded LiveKit's own TURN server (part of the LiveKit area): for clients whose
 * network blocks LiveKit's media ports. Off unless a TURN port is set. Every rule below mirrors
 * what livekit-server v1.13.5 does with its `turn:` section (pkg/service/turn.go), so a mistake
 * stops our start with the variable named instead of a child that exits or a TURN that never
 * carries media.
 */

/** An empty value (`TURN_UDP_PORT=` in an env file) counts as unset, not as port 0. */
const optionalPort = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  port.optional(),
);

/** LiveKit's own check of the TURN domain (pkg/service/utils.go `IsValidDomain`). */
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i;

const absoluteFile = (example: string) =>
  optionalString.refine((v) => v === undefined || isAbsolute(v), {
    message: `must be an absolute path, e.g. ${example}`,
  });

export const turnEnv = {
  TURN_UDP_PORT: optionalPort,
  TURN_TLS_PORT: optionalPort,
  TURN_DOMAIN: optionalString.refine((v) => v === undefined || DOMAIN.test(v), {
    message: 'must be a domain name like turn.example.com',
  }),
  TURN_CERT_FILE: absoluteFile('/etc/stagecast/turn.crt'),
  TURN_KEY_FILE: absoluteFile('/etc/stagecast/turn.key'),
};

type TurnEnv = z.infer<z.ZodObject<typeof turnEnv>>;

/** The embedded LiveKit's TURN server; `undefined` in `LivekitConfig` when TURN is off. */
export interface TurnConfig {
  /** TURN over UDP; LiveKit also answers STUN there. */
  udpPort: number | undefined;
  /** TURN over TLS. LiveKit tells clients `turns:<domain>:443` whatever `port` is. */
  tls: { port: number; domain: string; certFile: string; keyFile: string } | undefined;
}

/** What the TURN rules need to know of the rest of the configuration. */
export interface TurnContext {
  /** An external LiveKit is configured: TURN is then that server's business. */
  external: boolean;
  nodeIp: string | undefined;
  /** Ports already taken, by protocol, each with the variable that takes it. */
  udpPorts: ReadonlyArray<readonly [string, number]>;
  tcpPorts: ReadonlyArray<readonly [string, number]>;
}

const NAMES = ['TURN_UDP_PORT', 'TURN_TLS_PORT', 'TURN_DOMAIN', 'TURN_CERT_FILE', 'TURN_KEY_FILE'];

/** Cross-field rules of the TURN settings; each problem names the variable to fix. */
export function checkTurn(env: TurnEnv, at: TurnContext, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [name], message });
  const set = NAMES.filter((name) => env[name as keyof TurnEnv] !== undefined);
  if (set.length === 0) return;
  if (at.external) {
    issue(
      set[0]!,
      'configures the embedded LiveKit only: with an external LiveKit (LIVEKIT_URL), set TURN in its own config',
    );
    return;
  }
  if (env.TURN_TLS_PORT === undefined) {
    const tlsOnly = ['TURN_DOMAIN', 'TURN_CERT_FILE', 'TURN_KEY_FILE'].filter((n) =>
      set.includes(n),
    );
    if (tlsOnly.length > 0) {
      issue('TURN_TLS_PORT', `must be set: ${tlsOnly.join(', ')} only serve TURN over TLS`);
    }
  }
  if (env.TURN_UDP_PORT === undefined && env.TURN_TLS_PORT === undefined) return;
  checkNodeIp(at.nodeIp, issue);
  checkClashes(env, at, issue);
  if (env.TURN_TLS_PORT !== undefined) checkTls(env, issue);
}

/**
 * A relayed client sends to LiveKit's media address, `LIVEKIT_NODE_IP`, through TURN; LiveKit's
 * TURN refuses restricted peers (loopback, private, link-local...) unless
 * `turn.allow_restricted_peer_cidrs` lists them, which we never write: opening TURN to private
 * ranges would let anyone holding a join token reach the server's own network through it.
 */
function checkNodeIp(nodeIp: string | undefined, issue: (name: string, m: string) => void) {
  if (nodeIp === undefined) {
    issue(
      'LIVEKIT_NODE_IP',
      "must be set when TURN is on: it is the server's public address, where TURN relays media to",
    );
  } else if (isRestrictedPeer(nodeIp)) {
    issue(
      'LIVEKIT_NODE_IP',
      `is a loopback, private or link-local address (${nodeIp}): LiveKit's TURN refuses to relay to it, so TURN would carry no media; set the public address`,
    );
  }
}

function checkClashes(env: TurnEnv, at: TurnContext, issue: (name: string, m: string) => void) {
  const clash = (name: string, value: number | undefined, taken: TurnContext['udpPorts']) => {
    const other = taken.find(([, port]) => port === value);
    if (value !== undefined && other) {
      issue(name, `is the same port as ${other[0]} (${value})`);
    }
  };
  clash('TURN_UDP_PORT', env.TURN_UDP_PORT, at.udpPorts);
  clash('TURN_TLS_PORT', env.TURN_TLS_PORT, at.tcpPorts);
}

/** The three TLS settings are there, and the files make a certificate LiveKit can serve. */
function checkTls(env: TurnEnv, issue: (name: string, m: string) => void) {
  const needs = [
    ['TURN_DOMAIN', 'the name in the certificate, which clients connect to'],
    ['TURN_CERT_FILE', "the certificate (PEM, chain included; Caddy's .crt file fits)"],
    ['TURN_KEY_FILE', 'its private key (PEM)'],
  ] as const;
  for (const [name, what] of needs) {
    if (env[name] === undefined) issue(name, `must be set when TURN_TLS_PORT is: ${what}`);
  }
  const cert = env.TURN_CERT_FILE && readPem('TURN_CERT_FILE', env.TURN_CERT_FILE, issue);
  const key = env.TURN_KEY_FILE && readPem('TURN_KEY_FILE', env.TURN_KEY_FILE, issue);
  const certificate =
    cert === undefined
      ? undefined
      : parse('TURN_CERT_FILE', issue, () => new X509Certificate(cert));
  const privateKey =
    key === undefined ? undefined : parse('TURN_KEY_FILE', issue, () => createPrivateKey(key));
  if (!certificate) return;
  if (Date.parse(certificate.validTo) < Date.now()) {
    issue('TURN_CERT_FILE', `expired on ${certificate.validTo}`);
  }
  if (env.TURN_DOMAIN && !certificate.checkHost(env.TURN_DOMAIN.replace(/\.$/, ''))) {
    issue('TURN_CERT_FILE', `does not cover TURN_DOMAIN (${env.TURN_DOMAIN})`);
  }
  if (privateKey && !certificate.checkPrivateKey(privateKey)) {
    issue('TURN_KEY_FILE', 'is not the private key of TURN_CERT_FILE');
  }
}

/** The file's text, or `undefined` after an issue saying why it cannot be read. */
function readPem(
  name: string,
  file: string,
  issue: (name: string, m: string) => void,
): string | undefined {
  try {
    accessSync(file, constants.R_OK);
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    issue(
      name,
      code === 'ENOENT'
        ? `no such file: ${file}`
        : code === 'EACCES'
          ? `cannot be read by this user: ${file} (grant read access, e.g. through a group)`
          : `cannot be read: ${file} (${code ?? (err as Error).message})`,
    );
    return undefined;
  }
}

function parse<T>(name: string, issue: (n: string, m: string) => void, read: () => T) {
  try {
    return read();
  } catch {
    issue(
      name,
      name === 'TURN_CERT_FILE' ? 'is not a PEM certificate' : 'is not a PEM private key',
    );
    return undefined;
  }
}

/**
 * The addresses LiveKit's TURN refuses as peers by default (Go's `net.IP` IsLoopback,
 * IsPrivate, IsLinkLocalUnicast, IsLinkLocalMulticast, IsMulticast, IsUnspecified).
 */
export function isRestrictedPeer(ip: string): boolean {
  const v4 = ipv4(ip.replace(/^::ffff:/i, ''));
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 || // unspecified (and "this network")
      a === 127 ||
      a === 10 ||
      (a === 172 && b! >= 16 && b! <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a! >= 224 && a! <= 239) // multicast
    );
  }
  const v6 = ip.toLowerCase();
  const first = parseInt(v6.split(':')[0] || '0', 16);
  return (
    v6 === '::' ||
    v6 === '::1' ||
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xff00) === 0xff00 // multicast
  );
}

function ipv4(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

export function toTurnConfig(env: TurnEnv): TurnConfig | undefined {
  if (env.TURN_UDP_PORT === undefined && env.TURN_TLS_PORT === undefined) return undefined;
  const tls =
    env.TURN_TLS_PORT !== undefined && env.TURN_DOMAIN && env.TURN_CERT_FILE && env.TURN_KEY_FILE
      ? {
          port: env.TURN_TLS_PORT,
          domain: env.TURN_DOMAIN.replace(/\.$/, ''),
          certFile: env.TURN_CERT_FILE,
          keyFile: env.TURN_KEY_FILE,
        }
      : undefined;
  return { udpPort: env.TURN_UDP_PORT, tls };
}
