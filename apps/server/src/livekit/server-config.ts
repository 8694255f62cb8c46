import type { TurnConfig } from '../config/turn.js';
import type { LivekitKeys } from './keys.js';

export interface EmbeddedServerOptions {
  keys: LivekitKeys;
  port: number;
  rtcTcpPort: number;
  rtcUdpPort: number;
  nodeIp: string;
  bindAddresses: string[];
  /** Where LiveKit posts its webhooks: this app's `/api/livekit/webhook`. */
  webhookUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** LiveKit's embedded TURN server; off when `undefined`. */
  turn?: TurnConfig | undefined;
  /** LiveKit's own Prometheus listener (on `bindAddresses`, like every listener of LiveKit). */
  prometheus: { port: number; username?: string; password?: string };
}

/** Webhooks LiveKit keeps queued per room before it drops new ones (its default is 200). */
export const WEBHOOK_QUEUE_DEPTH = 5000;

/**
 * The embedded server's configuration file. JSON is valid YAML, so no YAML library is needed.
 * Not `--dev`: keys are ours, rooms are only created by the API (`auto_create: false`), and the
 * ports are set so that two instances run side by side.
 */
export function buildServerConfig(o: EmbeddedServerOptions): Record<string, unknown> {
  const loopback = o.nodeIp === '127.0.0.1' || o.nodeIp === '::1';
  return {
    port: o.port,
    bind_addresses: o.bindAddresses,
    keys: { [o.keys.apiKey]: o.keys.apiSecret },
    rtc: {
      tcp_port: o.rtcTcpPort,
      udp_port: o.rtcUdpPort,
      node_ip: o.nodeIp,
      use_external_ip: false,
      // On loopback, only the loopback interface takes part in ICE: nothing is reachable
      // from the network until LIVEKIT_NODE_IP says which address to offer.
      ...(loopback
        ? { enable_loopback_candidate: true, ips: { includes: [`${o.nodeIp}/32`] } }
        : { ips: { includes: [`${o.nodeIp}/32`] } }),
    },
    room: {
      auto_create: false,
      empty_timeout: 300,
      departure_timeout: 20,
    },
    webhook: {
      api_key: o.keys.apiKey,
      urls: [o.webhookUrl],
      // LiveKit posts one room's webhooks one at a time and drops what finds 200 queued or
      // waited 30 s (protocol's ResourceURLNotifier): a join storm of hundreds lost joins and
      // leaves until the next reconcile pass. An event queued is a few hundred bytes.
      resource_url_notifier: { max_depth: WEBHOOK_QUEUE_DEPTH, max_age: '120s' },
    },
    prometheus: o.prometheus,
    logging: {
      level: o.logLevel,
      json: true,
    },
    turn: turnSection(o.turn, o.nodeIp),
  };
}

/**
 * LiveKit's `turn:` section (pkg/config/config.go `TURNConfig`). LiveKit hands each participant
 * `turn:<node_ip>:<udp_port>?transport=udp` and `turns:<domain>:443?transport=tcp` with
 * credentials of its own, and relays to its own media address only. Never written:
 * `allow_restricted_peer_cidrs`, which would open the relay to loopback and private networks.
 */
function turnSection(turn: TurnConfig | undefined, nodeIp: string): Record<string, unknown> {
  if (!turn || (turn.udpPort === undefined && turn.tls === undefined)) return { enabled: false };
  return {
    enabled: true,
    // LiveKit pairs each bind address with the node IP of its family for the relayed address,
    // so an IPv6 node IP needs an IPv6 wildcard.
    bind_addresses: [nodeIp.includes(':') ? '::' : '0.0.0.0'],
    ...(turn.udpPort !== undefined ? { udp_port: turn.udpPort } : {}),
    ...(turn.tls
      ? {
          tls_port: turn.tls.port,
          domain: turn.tls.domain,
          cert_file: turn.tls.certFile,
          key_file: turn.tls.keyFile,
        }
      : {}),
  };
}
