import { CheckStatus, ConnectionCheck } from 'livekit-client';
import type { CheckConnectionDetails } from './check-connection.js';
import type { CheckLine } from './check-lines.js';

const isLoopbackHost = (host: string) =>
  ['localhost', '127.0.0.1', '[::1]'].includes(host) || host.endsWith('.localhost');

/** The signal WebSocket's line, through livekit-client's own check (a join, then a close). */
export async function signalLine(details: CheckConnectionDetails): Promise<CheckLine> {
  const info = await new ConnectionCheck(details.serverUrl, details.receiverToken)
    .checkWebsocket()
    .catch(() => undefined);
  const url = new URL(details.serverUrl);
  if (!info || info.status !== CheckStatus.SUCCESS) {
    return { state: 'failed', reason: 'signal_unreachable', values: { host: url.host } };
  }
  const version =
    info.logs.map((l) => /version (\d[\w.-]*\w)/.exec(l.message)?.[1]).find(Boolean) ?? '?';
  // Loopback is a secure context even over ws://; anywhere else browsers refuse the camera
  // to an http page, and proxies meddle with plain WebSockets.
  const insecure = url.protocol === 'ws:' && !isLoopbackHost(url.hostname);
  return {
    state: insecure ? 'warning' : 'ok',
    reason: insecure ? 'signal_insecure' : 'signal_ok',
    values: { version, host: url.host },
  };
}
