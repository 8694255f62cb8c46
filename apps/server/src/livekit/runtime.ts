import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { webhookVerifier } from './events.js';
import type { WebhookVerifier } from './events.js';
import { loadOrCreateKeys } from './keys.js';
import type { LivekitKeys } from './keys.js';
import { roomControl } from './rooms.js';
import type { RoomControl } from './rooms.js';
import { buildServerConfig } from './server-config.js';
import { LivekitSupervisor } from './supervisor.js';
import { livekitStatsSource } from './traffic.js';
import type { LivekitStatsSource } from './traffic.js';
import { whipUpstream } from './whip.js';
import type { WhipUpstream } from './whip.js';

/**
 * The one handle the rest of the server has on LiveKit: where clients connect, the keys tokens
 * are signed with, the room operations, the webhook verifier, and (embedded mode) the child.
 * The SDK's clients stay inside: modules get our own operations and types only.
 */
export interface LivekitRuntime {
  mode: 'embedded' | 'external';
  /** The URL clients connect to (`ws://` or `wss://`). */
  clientUrl: string;
  keys: LivekitKeys;
  /** The room operations modules use. */
  rooms: RoomControl;
  /** Verifies LiveKit's signed webhooks into our own event type. */
  webhooks: WebhookVerifier;
  /** LiveKit's own WHIP endpoint on its internal URL, behind the app's gateway (`whip.ts`). */
  whip: WhipUpstream;
  supervisor: LivekitSupervisor | undefined;
  /** LiveKit's traffic counters and room counts, for the platform's samples. */
  stats: LivekitStatsSource;
  /**
   * Calls `listener` each time LiveKit is back after a restart that lost its state (the embedded
   * child died and the supervisor started it again): the rooms of live sessions are gone, and
   * every client reconnecting meets "room does not exist" until they are made again. Returns the
   * unsubscribe. An external server's restarts are not seen here (the reconcile loop finds them).
   */
  onRestarted(listener: () => void): () => void;
  /** A RoomService round trip, for readiness checks. */
  ping(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export const SERVER_CONFIG_FILE = 'livekit.yaml';

function httpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}

function wsUrl(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://');
}

/** Where LiveKit should post webhooks: this app, reached over loopback when it listens there. */
export function webhookUrl(config: Config): string {
  const wildcard = ['0.0.0.0', '::', 'localhost', '127.0.0.1', '::1'].includes(config.host);
  const host = wildcard
    ? '127.0.0.1'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  return `http://${host}:${config.port}/api/livekit/webhook`;
}

function findBinary(configured: string | undefined): string {
  if (configured) return configured;
  // `npm start` and `npm test` resolve (and install) the binary and pass LIVEKIT_SERVER_BIN;
  // run directly, the server falls back to the PATH.
  return 'livekit-server';
}

export async function startLivekit(config: Config, logger: Logger): Promise<LivekitRuntime> {
  if (config.livekit.mode === 'external') {
    const { url, apiKey, apiSecret } = config.livekit;
    return createRuntime({
      mode: 'external',
      clientUrl: wsUrl(config.livekit.publicUrl ?? url),
      apiUrl: httpUrl(url),
      keys: { apiKey, apiSecret },
      supervisor: undefined,
      metricsUrls: config.metrics.livekitUrls,
    });
  }
  const lk = config.livekit;
  const keys = loadOrCreateKeys(config.dataDir);
  const configPath = join(config.dataDir, SERVER_CONFIG_FILE);
  const prometheusAuth = embeddedPrometheusAuth(config, keys);
  const serverConfig = buildServerConfig({
    keys,
    port: lk.port,
    rtcTcpPort: lk.rtcTcpPort,
    rtcUdpPort: lk.rtcUdpPort,
    nodeIp: lk.nodeIp,
    bindAddresses: lk.bindAddresses,
    webhookUrl: webhookUrl(config),
    logLevel: 'info',
    turn: lk.turn,
    prometheus: { port: lk.prometheusPort, ...prometheusAuth },
  });
  // The file holds the API secret: readable by this user only.
  writeFileSync(configPath, JSON.stringify(serverConfig, null, 2), { mode: 0o600 });
  const supervisor = new LivekitSupervisor({
    binary: findBinary(lk.binary),
    configPath,
    port: lk.port,
    logger,
  });
  logger.info(
    {
      port: lk.port,
      rtcTcpPort: lk.rtcTcpPort,
      rtcUdpPort: lk.rtcUdpPort,
      nodeIp: lk.nodeIp,
      turnUdpPort: lk.turn?.udpPort,
      turnTlsPort: lk.turn?.tls?.port,
    },
    'starting embedded livekit-server',
  );
  await supervisor.start();
  const host = lk.nodeIp.includes(':') ? `[${lk.nodeIp}]` : lk.nodeIp;
  return createRuntime({
    mode: 'embedded',
    clientUrl: wsUrl(lk.publicUrl ?? `ws://${host}:${lk.port}`),
    apiUrl: `http://127.0.0.1:${lk.port}`,
    keys,
    supervisor,
    metricsUrls: config.metrics.livekitUrls.length
      ? config.metrics.livekitUrls
      : [`http://127.0.0.1:${lk.prometheusPort}/metrics`],
    metricsAuth: prometheusAuth,
  });
}

/**
 * LiveKit opens its Prometheus listener on every bind address. On loopback (the default) it is
 * open to this machine only, like our own `/metrics`; once `LIVEKIT_NODE_IP` makes LiveKit listen
 * on every interface, the listener asks for basic credentials: user `metrics` and
 * `METRICS_TOKEN` (or, without one, a password derived from the API secret that only we know).
 */
export function embeddedPrometheusAuth(
  config: Config,
  keys: LivekitKeys,
): { username: string; password: string } | undefined {
  if (config.livekit.mode !== 'embedded') return undefined;
  if (config.livekit.bindAddresses.every((a) => a === '127.0.0.1' || a === '::1')) return undefined;
  const password =
    config.metrics.token ??
    createHmac('sha256', keys.apiSecret).update('livekit-prometheus').digest('base64url');
  return { username: 'metrics', password };
}

function createRuntime(input: {
  mode: 'embedded' | 'external';
  clientUrl: string;
  apiUrl: string;
  keys: LivekitKeys;
  supervisor: LivekitSupervisor | undefined;
  metricsUrls: string[];
  metricsAuth?: { username: string; password: string } | undefined;
}): LivekitRuntime {
  const roomService = new RoomServiceClient(input.apiUrl, input.keys.apiKey, input.keys.apiSecret);
  return {
    mode: input.mode,
    clientUrl: input.clientUrl,
    keys: input.keys,
    rooms: roomControl(roomService),
    webhooks: webhookVerifier(input.keys),
    whip: whipUpstream(input.apiUrl),
    supervisor: input.supervisor,
    stats: livekitStatsSource({
      roomService,
      metricsUrls: input.metricsUrls,
      basicAuth: input.metricsAuth,
    }),
    onRestarted: (listener) => {
      const supervisor = input.supervisor;
      if (!supervisor) return () => undefined;
      // The first start happened before anyone could listen: every later `ready` is a restart.
      const onReady = () => {
        if (supervisor.restarts > 0) listener();
      };
      supervisor.on('ready', onReady);
      return () => {
        supervisor.off('ready', onReady);
      };
    },
    ping: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([roomService.listRooms([]), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    stop: async () => {
      await input.supervisor?.stop();
    },
  };
}
