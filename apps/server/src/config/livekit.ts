import { z } from 'zod';
import { duration, optionalString, port, settingsArea, urlWithProtocols } from './fields.js';
import { checkTurn, toTurnConfig, turnEnv } from './turn.js';
import type { TurnConfig } from './turn.js';

const livekitUrl = () => urlWithProtocols(['ws:', 'wss:', 'http:', 'https:']);

/** The LiveKit server: our embedded child, or an external one; its tokens and reconciling. */
export const livekitEnv = {
  LIVEKIT_URL: livekitUrl(),
  LIVEKIT_SERVER_URL: livekitUrl(),
  LIVEKIT_API_KEY: optionalString,
  LIVEKIT_API_SECRET: optionalString,
  LIVEKIT_PUBLIC_URL: livekitUrl(),
  LIVEKIT_SERVER_BIN: optionalString,
  LIVEKIT_PORT: port.default(7880),
  LIVEKIT_RTC_TCP_PORT: port.optional(),
  LIVEKIT_RTC_UDP_PORT: port.optional(),
  LIVEKIT_PROMETHEUS_PORT: port.optional(),
  LIVEKIT_NODE_IP: z.union([z.ipv4(), z.ipv6()], { message: 'must be an IP address' }).optional(),
  LIVEKIT_TOKEN_TTL: duration('10m', 60, 24 * 3600),
  RECONCILE_INTERVAL: duration('30s', 1, 3600),
  ...turnEnv,
};

export const livekitArea = settingsArea('LiveKit', livekitEnv);

/** The area's variables, and `PORT`, which the embedded LiveKit's ports must not take. */
type LivekitEnv = z.infer<z.ZodObject<typeof livekitEnv>> & { PORT: number };

/** Where LiveKit runs: a child process of ours, or a server someone else runs. */
export type LivekitConfig =
  | {
      mode: 'embedded';
      /** Signal (HTTP/WebSocket) port. */
      port: number;
      rtcTcpPort: number;
      rtcUdpPort: number;
      /** LiveKit's own Prometheus listener (metrics of the media server), on loopback. */
      prometheusPort: number;
      /** The IP advertised to clients; loopback unless LIVEKIT_NODE_IP is set. */
      nodeIp: string;
      /** Addresses the child listens on. */
      bindAddresses: string[];
      binary: string | undefined;
      /** The URL handed to clients when they reach LiveKit through a proxy. */
      publicUrl: string | undefined;
      /** LiveKit's own TURN server; off when `undefined`. */
      turn: TurnConfig | undefined;
    }
  | {
      mode: 'external';
      url: string;
      apiKey: string;
      apiSecret: string;
      publicUrl: string | undefined;
    };

/** LiveKit's part of `Config`. */
export interface LivekitSettings {
  livekit: LivekitConfig;
  /** LiveKit access token lifetime in seconds. */
  tokenTtlSeconds: number;
  reconcileIntervalSeconds: number;
}

/** Cross-field rules of the area; each names the variable to fix. */
export function checkLivekit(env: LivekitEnv, ctx: z.RefinementCtx): void {
  const url = env.LIVEKIT_URL ?? env.LIVEKIT_SERVER_URL;
  const external = [url, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
  if (external.some(Boolean) && !external.every(Boolean)) {
    const missing = (
      [
        ['LIVEKIT_URL', url],
        ['LIVEKIT_API_KEY', env.LIVEKIT_API_KEY],
        ['LIVEKIT_API_SECRET', env.LIVEKIT_API_SECRET],
      ] as const
    ).find(([, v]) => !v)?.[0];
    ctx.addIssue({
      code: 'custom',
      path: [missing ?? 'LIVEKIT_URL'],
      message:
        'an external LiveKit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together',
    });
  }
  if (env.LIVEKIT_URL && env.LIVEKIT_SERVER_URL && env.LIVEKIT_URL !== env.LIVEKIT_SERVER_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_SERVER_URL'],
      message: 'differs from LIVEKIT_URL (it is an alias: set one of them)',
    });
  }
  if (env.LIVEKIT_API_SECRET && env.LIVEKIT_API_SECRET.length < 32) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_API_SECRET'],
      message: 'must be at least 32 characters (LiveKit refuses shorter secrets)',
    });
  }
  if (!url) checkEmbeddedPorts(env, ctx);
  const rtc = embeddedRtcPorts(env);
  checkTurn(
    env,
    {
      external: Boolean(url),
      nodeIp: env.LIVEKIT_NODE_IP,
      udpPorts: [['LIVEKIT_RTC_UDP_PORT', rtc.udp]],
      tcpPorts: [
        ['PORT', env.PORT],
        ['LIVEKIT_PORT', env.LIVEKIT_PORT],
        ['LIVEKIT_RTC_TCP_PORT', rtc.tcp],
      ],
    },
    ctx,
  );
}

/** The embedded child's RTC ports: set, or derived from its signal port. */
function embeddedRtcPorts(env: LivekitEnv): { tcp: number; udp: number } {
  return {
    tcp: env.LIVEKIT_RTC_TCP_PORT ?? env.LIVEKIT_PORT + 1,
    udp: env.LIVEKIT_RTC_UDP_PORT ?? env.LIVEKIT_PORT + 2,
  };
}

/** The embedded child's ports (derived from LIVEKIT_PORT) fit and leave `PORT` to us. */
function checkEmbeddedPorts(env: LivekitEnv, ctx: z.RefinementCtx): void {
  const livekitPorts = [
    ['LIVEKIT_PORT', env.LIVEKIT_PORT],
    ['LIVEKIT_RTC_TCP_PORT', env.LIVEKIT_RTC_TCP_PORT ?? env.LIVEKIT_PORT + 1],
    ['LIVEKIT_RTC_UDP_PORT', env.LIVEKIT_RTC_UDP_PORT ?? env.LIVEKIT_PORT + 2],
    ['LIVEKIT_PROMETHEUS_PORT', env.LIVEKIT_PROMETHEUS_PORT ?? env.LIVEKIT_PORT + 3],
  ] as const;
  for (const [name, value] of livekitPorts) {
    if (value > 65535) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `derived port ${value} is above 65535`,
      });
    }
    if (value === env.PORT) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is the same port as PORT (${value})`,
      });
    }
  }
}

/** External when URL, key and secret are all set; otherwise our embedded child. */
export function toLivekitSettings(env: LivekitEnv): LivekitSettings {
  const externalUrl = env.LIVEKIT_URL ?? env.LIVEKIT_SERVER_URL;
  const livekit: LivekitConfig =
    externalUrl && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
      ? {
          mode: 'external',
          url: externalUrl,
          apiKey: env.LIVEKIT_API_KEY,
          apiSecret: env.LIVEKIT_API_SECRET,
          publicUrl: env.LIVEKIT_PUBLIC_URL,
        }
      : {
          mode: 'embedded',
          port: env.LIVEKIT_PORT,
          rtcTcpPort: env.LIVEKIT_RTC_TCP_PORT ?? env.LIVEKIT_PORT + 1,
          rtcUdpPort: env.LIVEKIT_RTC_UDP_PORT ?? env.LIVEKIT_PORT + 2,
          prometheusPort: env.LIVEKIT_PROMETHEUS_PORT ?? env.LIVEKIT_PORT + 3,
          nodeIp: env.LIVEKIT_NODE_IP ?? '127.0.0.1',
          bindAddresses: env.LIVEKIT_NODE_IP ? ['0.0.0.0'] : ['127.0.0.1'],
          binary: env.LIVEKIT_SERVER_BIN,
          publicUrl: env.LIVEKIT_PUBLIC_URL,
          turn: toTurnConfig(env),
        };
  return {
    livekit,
    tokenTtlSeconds: env.LIVEKIT_TOKEN_TTL,
    reconcileIntervalSeconds: env.RECONCILE_INTERVAL,
  };
}
