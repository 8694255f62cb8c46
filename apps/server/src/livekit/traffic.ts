import type { RoomServiceClient } from 'livekit-server-sdk';
import { parsePrometheusText, sumSamples } from './prometheus-text.js';

/**
 * What the platform's samples take from LiveKit: its traffic counters, read from its Prometheus
 * endpoint (the embedded server's own listener, or `LIVEKIT_METRICS_URL` for an external one),
 * and its room and participant counts from the RoomService, which every LiveKit answers.
 */

/** LiveKit's cumulative counters at one instant, summed over every endpoint read. */
export interface LivekitTraffic {
  /** `Date.now()` of the read. */
  at: number;
  /** `livekit_packet_bytes{direction="incoming"|"outgoing"}`: media and padding, retransmits too. */
  bytesIn: number;
  bytesOut: number;
  /**
   * `livekit_packet_loss_percent`, a histogram of each stream's loss per stats report: its sum
   * and count, whose differences give the mean loss of the reports between two reads.
   */
  lossSum: number;
  lossCount: number;
}

/** Rates between two reads; `undefined` where they cannot be told. */
export interface TrafficRates {
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  /** Mean loss (percent) of the stream reports between the reads; undefined when there were none. */
  packetLossPercent: number | undefined;
}

export interface LivekitRoomCounts {
  rooms: number;
  /** As LiveKit counts them (its `num_participants` per room). */
  participants: number;
}

export interface LivekitStatsSource {
  /** Whether a Prometheus endpoint is known, so that `traffic()` can answer. */
  readonly hasTraffic: boolean;
  /** Reads the counters now; rejects when an endpoint does not answer or there is none. */
  traffic(): Promise<LivekitTraffic>;
  roomCounts(): Promise<LivekitRoomCounts>;
}

const READ_TIMEOUT_MS = 3_000;

/** LiveKit's counters from one Prometheus text body. */
export function trafficOf(text: string, at: number): LivekitTraffic {
  const samples = parsePrometheusText(text);
  return {
    at,
    bytesIn: sumSamples(samples, 'livekit_packet_bytes', { direction: 'incoming' }),
    bytesOut: sumSamples(samples, 'livekit_packet_bytes', { direction: 'outgoing' }),
    lossSum: sumSamples(samples, 'livekit_packet_loss_percent_sum'),
    lossCount: sumSamples(samples, 'livekit_packet_loss_percent_count'),
  };
}

/**
 * Rates from two reads of the counters; undefined when the second is not later, or a counter went
 * back (LiveKit restarted in between, so what passed meanwhile is unknown).
 */
export function trafficBetween(
  before: LivekitTraffic,
  after: LivekitTraffic,
): TrafficRates | undefined {
  const seconds = (after.at - before.at) / 1000;
  const dIn = after.bytesIn - before.bytesIn;
  const dOut = after.bytesOut - before.bytesOut;
  const dLossSum = after.lossSum - before.lossSum;
  const dLossCount = after.lossCount - before.lossCount;
  if (seconds <= 0 || dIn < 0 || dOut < 0 || dLossSum < 0 || dLossCount < 0) return undefined;
  return {
    bytesInPerSecond: dIn / seconds,
    bytesOutPerSecond: dOut / seconds,
    packetLossPercent: dLossCount > 0 ? dLossSum / dLossCount : undefined,
  };
}

export function livekitStatsSource(input: {
  roomService: RoomServiceClient;
  /** LiveKit's Prometheus endpoints (one per node of a cluster); empty: none known. */
  metricsUrls: string[];
  /** Basic credentials of the embedded server's listener, when it has some. */
  basicAuth?: { username: string; password: string } | undefined;
}): LivekitStatsSource {
  const headers: Record<string, string> = input.basicAuth
    ? {
        authorization: `Basic ${Buffer.from(
          `${input.basicAuth.username}:${input.basicAuth.password}`,
        ).toString('base64')}`,
      }
    : {};
  const readOne = async (url: string): Promise<LivekitTraffic> => {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`LiveKit metrics at ${new URL(url).host} answered ${res.status}`);
    }
    return trafficOf(await res.text(), Date.now());
  };
  return {
    hasTraffic: input.metricsUrls.length > 0,
    async traffic() {
      if (input.metricsUrls.length === 0) throw new Error('no LiveKit metrics endpoint is known');
      const reads = await Promise.all(input.metricsUrls.map(readOne));
      return reads.reduce((sum, r) => ({
        at: Math.max(sum.at, r.at),
        bytesIn: sum.bytesIn + r.bytesIn,
        bytesOut: sum.bytesOut + r.bytesOut,
        lossSum: sum.lossSum + r.lossSum,
        lossCount: sum.lossCount + r.lossCount,
      }));
    },
    async roomCounts() {
      const rooms = await input.roomService.listRooms();
      return {
        rooms: rooms.length,
        participants: rooms.reduce((n, r) => n + r.numParticipants, 0),
      };
    },
  };
}
