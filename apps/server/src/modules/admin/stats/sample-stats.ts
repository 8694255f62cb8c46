import type { LivekitStatsSource, LivekitTraffic } from '../../../livekit/index.js';
import { trafficBetween } from '../../../livekit/index.js';
import type { LiveCounts } from '../../../metrics/instruments.js';
import type { StatsWindow } from '../../../metrics/stats-window.js';
import type { StatsRepository } from './stats-repository.js';

export interface SampleDeps {
  repo: StatsRepository;
  livekit: LivekitStatsSource;
  liveCounts: () => Promise<LiveCounts>;
  window: StatsWindow;
  intervalSeconds: number;
  retentionSeconds: number;
  /** LiveKit's counters at this instance's last sample: rates are taken against them. */
  last: { traffic?: LivekitTraffic | undefined };
}

/** The start of the slot `now` falls in: a multiple of the interval since the epoch. */
export function slotOf(now: number, intervalSeconds: number): Date {
  const ms = intervalSeconds * 1000;
  return new Date(Math.floor(now / ms) * ms);
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/**
 * One pass of the sampler for the slot `now` falls in. This instance adds the counts it gathered
 * since its last pass; if its insert created the slot's row, it also takes the sample (the
 * database's counts, LiveKit's traffic since its previous read and its room counts) and prunes
 * what is past the retention. Resolves with what it did.
 */
export async function sampleStats(
  deps: SampleDeps,
  now = Date.now(),
): Promise<'sampled' | 'added'> {
  const at = slotOf(now, deps.intervalSeconds);
  const counts = deps.window.take();
  let claimed: boolean;
  try {
    claimed = await deps.repo.claimSlot(at, deps.intervalSeconds, counts);
    if (!claimed) await deps.repo.addCounts(at, counts);
  } catch (err) {
    deps.window.restore(counts);
    throw err;
  }
  if (!claimed) return 'added';

  const [live, traffic, rooms] = await Promise.all([
    deps.liveCounts().catch(() => undefined),
    deps.livekit.hasTraffic ? deps.livekit.traffic().catch(() => undefined) : undefined,
    deps.livekit.roomCounts().catch(() => undefined),
  ]);
  // A previous read older than three intervals belongs to a stretch when another instance
  // sampled (or none did): its average would not be this slot's.
  const previous = deps.last.traffic;
  const fresh = previous && traffic && traffic.at - previous.at <= 3 * deps.intervalSeconds * 1000;
  const rates = fresh ? trafficBetween(previous, traffic) : undefined;
  if (traffic) deps.last.traffic = traffic;
  await deps.repo.writeSample(at, {
    liveSessions: live?.liveSessions ?? null,
    connectedUsers: live ? sum(live.participants) : null,
    recordingsActive: live ? sum(live.recordings) : null,
    bytesInPerSecond: rates?.bytesInPerSecond ?? null,
    bytesOutPerSecond: rates?.bytesOutPerSecond ?? null,
    packetLossPercent: rates?.packetLossPercent ?? null,
    livekitRooms: rooms?.rooms ?? null,
    livekitParticipants: rooms?.participants ?? null,
  });
  await deps.repo.prune(new Date(now - deps.retentionSeconds * 1000));
  return 'sampled';
}
