import type { TurnTransport } from './ice-servers.js';

/**
 * How media actually flows between this browser and LiveKit: directly over UDP (best), directly
 * over TCP (LiveKit's ICE/TCP port), or relayed by TURN over one of its transports.
 */
export type MediaPath = 'udp' | 'tcp' | `turn_${TurnTransport}`;

type Stat = Record<string, unknown> & { type: string; id: string };

/**
 * The path of the connection's selected candidate pair, from a `getStats()` report (a sender's
 * or a peer connection's): the transport's selected pair, or else the nominated pair that
 * succeeded; `undefined` before ICE has settled.
 */
export function mediaPathFromStats(report: ReadonlyMap<string, unknown>): MediaPath | undefined {
  const stats = [...report.values()] as Stat[];
  const byId = new Map(stats.map((s) => [s.id, s]));
  const selectedId = stats.find(
    (s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string',
  )?.selectedCandidatePairId as string | undefined;
  const pair =
    (selectedId ? byId.get(selectedId) : undefined) ??
    stats.find(
      (s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded',
    );
  const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
  if (!local) return undefined;
  if (local.candidateType === 'relay') {
    const relay = typeof local.relayProtocol === 'string' ? local.relayProtocol.toLowerCase() : '';
    return relay === 'tls' || relay === 'tcp' ? `turn_${relay}` : 'turn_udp';
  }
  return local.protocol === 'tcp' ? 'tcp' : 'udp';
}
