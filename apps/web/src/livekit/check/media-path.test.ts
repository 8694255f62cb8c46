import { describe, expect, it } from 'vitest';
import { mediaPathFromStats } from './media-path.js';

/** A stats report as Chromium gives it: transport → selected pair → local candidate. */
function report(local: Record<string, unknown>, viaTransport = true): Map<string, unknown> {
  const stats = [
    { id: 'L1', type: 'local-candidate', ...local },
    { id: 'R1', type: 'remote-candidate', candidateType: 'host', protocol: 'udp' },
    {
      id: 'P1',
      type: 'candidate-pair',
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      state: 'succeeded',
      nominated: true,
    },
    // A pair that was tried and dropped must not be taken for the selected one.
    { id: 'P0', type: 'candidate-pair', localCandidateId: 'L0', state: 'failed' },
    { id: 'L0', type: 'local-candidate', candidateType: 'host', protocol: 'udp' },
    ...(viaTransport ? [{ id: 'T1', type: 'transport', selectedCandidatePairId: 'P1' }] : []),
  ];
  return new Map(stats.map((s) => [s.id, s]));
}

describe('mediaPathFromStats', () => {
  it.each([
    [{ candidateType: 'host', protocol: 'udp' }, 'udp'],
    [{ candidateType: 'srflx', protocol: 'udp' }, 'udp'],
    [{ candidateType: 'host', protocol: 'tcp' }, 'tcp'],
    [{ candidateType: 'relay', protocol: 'udp', relayProtocol: 'tls' }, 'turn_tls'],
    [{ candidateType: 'relay', protocol: 'udp', relayProtocol: 'tcp' }, 'turn_tcp'],
    [{ candidateType: 'relay', protocol: 'udp', relayProtocol: 'udp' }, 'turn_udp'],
  ])('reads a selected local candidate %o as %s', (local, path) => {
    expect(mediaPathFromStats(report(local))).toBe(path);
  });

  it('falls back to the nominated pair that succeeded when no transport stat names one', () => {
    const stats = report({ candidateType: 'relay', relayProtocol: 'tls' }, false);
    expect(mediaPathFromStats(stats)).toBe('turn_tls');
  });

  it('knows nothing before a pair is selected', () => {
    expect(mediaPathFromStats(new Map())).toBeUndefined();
    const pending = new Map([
      ['P', { id: 'P', type: 'candidate-pair', state: 'in-progress', localCandidateId: 'L' }],
      ['L', { id: 'L', type: 'local-candidate', candidateType: 'host', protocol: 'udp' }],
    ]);
    expect(mediaPathFromStats(pending)).toBeUndefined();
  });
});
