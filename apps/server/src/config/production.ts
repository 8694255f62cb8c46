import type { z } from 'zod';

/**
 * Rules across areas for a server that people reach from elsewhere (PUBLIC_URL not on this
 * machine): the settings a first deployment gets wrong and that only show up later, in a
 * browser, as a camera that never asks, a call that never connects or one rate limit for
 * everybody. Each problem names its variable and the fix; docs/deploy.md explains the setup.
 */

/** The variables these rules read, from the server and LiveKit areas. */
export interface ProductionEnv {
  PUBLIC_URL?: string | undefined;
  ALLOW_INSECURE_PUBLIC_URL: boolean;
  LIVEKIT_URL?: string | undefined;
  LIVEKIT_SERVER_URL?: string | undefined;
  LIVEKIT_PUBLIC_URL?: string | undefined;
  LIVEKIT_NODE_IP?: string | undefined;
  LIVEKIT_PORT: number;
}

/** A problem that does not stop the start, said loudly in the log. */
export interface ConfigWarning {
  variable: string;
  message: string;
}

const GUIDE = 'docs/deploy.md';

/** Whether `url` names this machine only: `localhost`, `*.localhost`, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

/** `https://host` of a URL, for the messages' examples. */
function secureOrigin(url: string, scheme: 'https' | 'wss'): string {
  return `${scheme}://${new URL(url).host}`;
}

/** The LiveKit URL the clients will get, as `livekit/runtime.ts` derives it. */
function clientLivekitUrl(env: ProductionEnv): string {
  const external = env.LIVEKIT_URL ?? env.LIVEKIT_SERVER_URL;
  if (env.LIVEKIT_PUBLIC_URL) return env.LIVEKIT_PUBLIC_URL;
  if (external) return external;
  const ip = env.LIVEKIT_NODE_IP ?? '127.0.0.1';
  return `ws://${ip.includes(':') ? `[${ip}]` : ip}:${env.LIVEKIT_PORT}`;
}

/** The rules that stop the start when PUBLIC_URL is not on this machine. */
export function checkProduction(env: ProductionEnv, ctx: z.RefinementCtx): void {
  const publicUrl = env.PUBLIC_URL;
  if (!publicUrl || isLoopbackUrl(publicUrl)) return;

  if (!isHttps(publicUrl) && !env.ALLOW_INSECURE_PUBLIC_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message:
        `is plain http on a host other than this machine (got "${publicUrl}"), and browsers ` +
        'give the camera and microphone only to https pages: put Caddy in front for HTTPS and ' +
        `set PUBLIC_URL=${secureOrigin(publicUrl, 'https')} (see ${GUIDE}), or set ` +
        'ALLOW_INSECURE_PUBLIC_URL=true to start anyway',
    });
  }

  const embedded = !(env.LIVEKIT_URL ?? env.LIVEKIT_SERVER_URL);
  if (embedded && !env.LIVEKIT_NODE_IP) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_NODE_IP'],
      message:
        `is required when PUBLIC_URL (${publicUrl}) is not this machine and LiveKit runs ` +
        'embedded, or LiveKit offers only 127.0.0.1 and no media reaches anyone: set it to the ' +
        "server's public IP address (your provider's console shows it; on the server " +
        '`curl -4 https://ifconfig.me` prints it, `ip -4 addr` lists the local ones), or set ' +
        `LIVEKIT_URL for an external LiveKit (see ${GUIDE})`,
    });
  }

  const livekitUrl = clientLivekitUrl(env);
  if (isHttps(publicUrl) && !/^(wss|https):\/\//.test(livekitUrl)) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_PUBLIC_URL'],
      message:
        `must be wss:// for an https PUBLIC_URL, since browsers block a ws:// connection from ` +
        `an https page (clients would get "${livekitUrl}"): set ` +
        `LIVEKIT_PUBLIC_URL=${secureOrigin(publicUrl, 'wss')}, whose /rtc Caddy sends to ` +
        `LiveKit (see ${GUIDE})`,
    });
  }
}

/** What may start but deserves a loud line in the log, from the validated settings. */
export function productionWarnings(config: {
  publicUrl: string;
  trustProxy: boolean | string;
}): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  // An http URL off this machine passes the checks only with ALLOW_INSECURE_PUBLIC_URL.
  if (!isHttps(config.publicUrl) && !isLoopbackUrl(config.publicUrl)) {
    warnings.push({
      variable: 'PUBLIC_URL',
      message:
        `PUBLIC_URL ${config.publicUrl} is plain http and ALLOW_INSECURE_PUBLIC_URL is on: ` +
        'browsers refuse the camera, microphone and screen sharing on http pages, so nobody ' +
        `can present, only watch. Serve it over https behind Caddy (see ${GUIDE})`,
    });
  }
  // The app speaks no TLS itself: an https URL means a proxy connects to it for every client.
  if (isHttps(config.publicUrl) && config.trustProxy === false) {
    warnings.push({
      variable: 'TRUST_PROXY',
      message:
        'PUBLIC_URL is https, so a proxy stands in front of this app, but TRUST_PROXY is off: ' +
        "every request seems to come from the proxy's address, so rate limits count all " +
        'clients as one and logs show the proxy. Set TRUST_PROXY to the proxy address ' +
        `(127.0.0.1 for Caddy on this machine; see ${GUIDE})`,
    });
  }
  return warnings;
}

/** HSTS pins a host to https for a year; never for loopback, where other local ports speak http. */
export function sendsHsts(publicUrl: string): boolean {
  return isHttps(publicUrl) && !isLoopbackUrl(publicUrl);
}
