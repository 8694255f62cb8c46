import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumSamples } from './prometheus-text.js';
import { trafficBetween, trafficOf } from './traffic.js';

// Lines as livekit-server v1.13.5 writes them (pkg/telemetry/prometheus/packets.go).
const scrape = (bytesIn: number, bytesOut: number, lossSum: number, lossCount: number) => `
# HELP livekit_packet_bytes
# TYPE livekit_packet_bytes counter
livekit_packet_bytes{country="",direction="incoming",node_id="ND_x",node_type="SERVER",transmission="initial"} ${bytesIn}
livekit_packet_bytes{country="",direction="outgoing",node_id="ND_x",node_type="SERVER",transmission="initial"} ${bytesOut - 100}
livekit_packet_bytes{country="",direction="outgoing",node_id="ND_x",node_type="SERVER",transmission="retransmit"} 100
# TYPE livekit_packet_loss_percent histogram
livekit_packet_loss_percent_bucket{country="",direction="incoming",node_id="ND_x",node_type="SERVER",source="CAMERA",type="VIDEO",le="0"} 3
livekit_packet_loss_percent_bucket{country="",direction="incoming",node_id="ND_x",node_type="SERVER",source="CAMERA",type="VIDEO",le="+Inf"} ${lossCount}
livekit_packet_loss_percent_sum{country="",direction="incoming",node_id="ND_x",node_type="SERVER",source="CAMERA",type="VIDEO"} ${lossSum}
livekit_packet_loss_percent_count{country="",direction="incoming",node_id="ND_x",node_type="SERVER",source="CAMERA",type="VIDEO"} ${lossCount}
livekit_room_total{node_id="ND_x",node_type="SERVER"} 2
`;

describe('parsePrometheusText', () => {
  it('reads names, labels (escapes, commas and braces inside values) and values', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x_total help text',
        'x_total 3',
        'y{a="1,2",b="say \\"hi\\"",c="back\\\\slash\\nline",d="{}"} 4.5e3 1700000000000',
        'z_bucket{le="+Inf"} +Inf',
        'broken{a="1" 7',
        'nan_value NaN',
        '',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'x_total', labels: {}, value: 3 },
      {
        name: 'y',
        labels: { a: '1,2', b: 'say "hi"', c: 'back\\slash\nline', d: '{}' },
        value: 4500,
      },
      { name: 'z_bucket', labels: { le: '+Inf' }, value: Infinity },
    ]);
  });

  it('sums the samples of a name whose labels match', () => {
    const samples = parsePrometheusText(scrape(1000, 2000, 0, 0));
    expect(sumSamples(samples, 'livekit_packet_bytes', { direction: 'outgoing' })).toBe(2000);
    expect(sumSamples(samples, 'livekit_packet_bytes')).toBe(3000);
    expect(sumSamples(samples, 'no_such_metric')).toBe(0);
  });
});

describe("LiveKit's traffic", () => {
  it('reads bytes by direction (retransmits too) and the loss histogram', () => {
    expect(trafficOf(scrape(1000, 2000, 12, 8), 5)).toEqual({
      at: 5,
      bytesIn: 1000,
      bytesOut: 2000,
      lossSum: 12,
      lossCount: 8,
    });
  });

  it('gives rates per second and the mean loss of the reports between two reads', () => {
    const before = trafficOf(scrape(1_000, 2_000, 10, 10), 10_000);
    const after = trafficOf(scrape(51_000, 102_000, 13, 16), 20_000);
    expect(trafficBetween(before, after)).toEqual({
      bytesInPerSecond: 5_000,
      bytesOutPerSecond: 10_000,
      packetLossPercent: 0.5,
    });
    const idle = trafficOf(scrape(51_000, 102_000, 13, 16), 30_000);
    expect(trafficBetween(after, idle)).toEqual({
      bytesInPerSecond: 0,
      bytesOutPerSecond: 0,
      packetLossPercent: undefined,
    });
  });

  it('gives no rates across a LiveKit restart (counters went back) or out of order', () => {
    const before = trafficOf(scrape(90_000, 90_000, 0, 0), 10_000);
    const restarted = trafficOf(scrape(1_000, 1_000, 0, 0), 20_000);
    expect(trafficBetween(before, restarted)).toBeUndefined();
    expect(trafficBetween(restarted, { ...restarted, at: 5_000 })).toBeUndefined();
  });
});
