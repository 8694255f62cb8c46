import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createTestCertificates } from '../../../apps/server/test/support/certificates.js';
import type { TestCertificates } from '../../../apps/server/test/support/certificates.js';
import { freePortBlock } from '../../../scripts/free-ports.mjs';
import { createClientNetwork } from './netns.js';
import type { ClientNetwork } from './netns.js';

/** The name in the test certificate; clients resolve it inside their namespace. */
export const TURN_DOMAIN = 'turn.stagecast.test';

/** Where one server's embedded TURN listens on this host. */
export interface TurnPorts {
  udp: number;
  tls: number;
}

/**
 * What every TURN test stands on: a client network of its own (`createClientNetwork`, whose
 * comment explains the 198.18.0.0/15 addresses), a test CA with a certificate for
 * `TURN_DOMAIN`, and Chromium in that network trusting the CA.
 */
export interface TurnLab {
  net: ClientNetwork;
  certs: TestCertificates;
  /** The settings that turn on TURN over UDP and TLS on `ports`, with the lab's certificate. */
  turnSettings(ports: TurnPorts): Record<string, string>;
  /**
   * LiveKit tells clients `turns:<TURN_DOMAIN>:443` whatever its TLS port: in production 443 of
   * a second IP (or a load balancer) reaches it; here the client resolves the name to its own
   * loopback (the lab's hosts file says so from the start), where a plain TCP forward reaches
   * `tlsPort` on this host, so TLS still runs end to end between Chromium and LiveKit. One TLS
   * port per lab: the namespace has one 443.
   */
  routeTurnTls(tlsPort: number): Promise<void>;
  /** Chromium in the client network; its NSS store trusts the test CA unless told otherwise. */
  launchChromium(options?: { trustTestCa?: boolean }): Promise<Browser>;
  /** Removes the network (namespace, forwards) and the certificates. Idempotent. */
  dispose(): Promise<void>;
}

/** Two free ports (TCP and UDP) for one server's TURN. */
export async function freeTurnPorts(): Promise<TurnPorts> {
  const udp = await freePortBlock(2);
  return { udp, tls: udp + 1 };
}

export function createTurnLab(): TurnLab {
  const net = createClientNetwork();
  let certDir: string | undefined;
  try {
    // Before any Chromium starts: `ip netns exec` mounts the hosts file when it launches one.
    net.setHosts({ [TURN_DOMAIN]: '127.0.0.1' });
    certDir = mkdtempSync(join(tmpdir(), 'turn-certs-'));
    const certs = createTestCertificates(certDir, TURN_DOMAIN);
    const dir = certDir;
    return {
      net,
      certs,
      turnSettings: (ports) => ({
        TURN_UDP_PORT: String(ports.udp),
        TURN_TLS_PORT: String(ports.tls),
        TURN_DOMAIN,
        TURN_CERT_FILE: certs.certFile,
        TURN_KEY_FILE: certs.keyFile,
      }),
      routeTurnTls: async (tlsPort) => {
        await net.forwardTcp(
          { host: '127.0.0.1', port: 443 },
          { host: net.hostAddress, port: tlsPort },
        );
      },
      launchChromium: ({ trustTestCa = true } = {}) =>
        net.launchChromium(trustTestCa ? { trustCaFile: certs.caFile } : {}),
      dispose: async () => {
        await net.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    void net.dispose();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    throw err;
  }
}
