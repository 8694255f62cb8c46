/** The ways a browser can reach a TURN server, each a line of the connection check. */
export const TURN_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
export type TurnTransport = (typeof TURN_TRANSPORTS)[number];

/** An ICE server as LiveKit's join response lists it. */
export interface OfferedIceServer {
  urls: readonly string[];
  username?: string;
  credential?: string;
}

/**
 * Which transport a TURN URL uses: `turns:` is TLS (whatever its `transport`), `turn:` is UDP
 * unless `?transport=tcp` says otherwise (RFC 7065); anything else (`stun:`) is not TURN.
 */
export function transportOf(url: string): TurnTransport | undefined {
  const [scheme, rest = ''] = url.trim().split(/:(.*)/s);
  const transport = /[?&]transport=(\w+)/i.exec(rest)?.[1]?.toLowerCase();
  switch (scheme?.toLowerCase()) {
    case 'turns':
      return 'tls';
    case 'turn':
      return transport === 'tcp' ? 'tcp' : 'udp';
    default:
      return undefined;
  }
}

/**
 * The server's TURN URLs grouped by transport, each with its credentials, ready to be the only
 * ICE servers of a relay-only peer connection; a transport missing here is not offered.
 */
export function turnServersByTransport(
  servers: readonly OfferedIceServer[],
): Partial<Record<TurnTransport, RTCIceServer[]>> {
  const byTransport: Partial<Record<TurnTransport, RTCIceServer[]>> = {};
  for (const server of servers) {
    for (const transport of TURN_TRANSPORTS) {
      const urls = server.urls.filter((url) => transportOf(url) === transport);
      if (urls.length === 0) continue;
      (byTransport[transport] ??= []).push({
        urls,
        username: server.username ?? '',
        credential: server.credential ?? '',
      });
    }
  }
  return byTransport;
}
