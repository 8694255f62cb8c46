import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { LATENCY_BUCKETS } from '../../../metrics/latency-buckets.js';
import type { StatsCounts } from '../../../metrics/stats-window.js';

/** What the instance that claimed a slot measured. */
export interface SlotSample {
  liveSessions: number | null;
  connectedUsers: number | null;
  recordingsActive: number | null;
  bytesInPerSecond: number | null;
  bytesOutPerSecond: number | null;
  packetLossPercent: number | null;
  livekitRooms: number | null;
  livekitParticipants: number | null;
}

/** One point of a series: the aggregate of the samples of one step. */
export interface SeriesRow {
  /** The step's start, in seconds since the epoch. */
  bucket: number;
  seconds: number;
  liveSessions: number | null;
  connectedUsers: number | null;
  bytesInPerSecond: number | null;
  bytesOutPerSecond: number | null;
  packetLossPercent: number | null;
  joins: number;
  joinBuckets: number[];
  http4xx: number;
  http5xx: number;
}

/** A PostgreSQL array literal of whole numbers, cast where it is used (both drivers accept it). */
const intArray = (values: number[]) => `{${values.map((v) => Math.trunc(v)).join(',')}}`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The `stats_samples` table (schema.ts): slots claimed, counts added, samples read back. */
export function statsRepository(database: Database) {
  return {
    /**
     * Creates the slot's row with this instance's counts; true when it did, which makes this
     * instance the one that samples the slot. False when another instance was first.
     */
    async claimSlot(at: Date, seconds: number, counts: StatsCounts): Promise<boolean> {
      const rows = await database.rows<{ at: unknown }>(sql`
        insert into stats_samples (at, seconds, joins, join_buckets, http_4xx, http_5xx)
        values (${at.toISOString()}, ${seconds}, ${counts.joins},
          ${intArray(counts.joinBuckets)}::int[], ${counts.http4xx}, ${counts.http5xx})
        on conflict (at) do nothing
        returning at`);
      return rows.length > 0;
    },

    /** Adds this instance's counts into a slot another instance claimed. */
    async addCounts(at: Date, counts: StatsCounts): Promise<void> {
      if (counts.joins === 0 && counts.http4xx === 0 && counts.http5xx === 0) return;
      await database.rows(sql`
        update stats_samples set
          joins = joins + ${counts.joins},
          http_4xx = http_4xx + ${counts.http4xx},
          http_5xx = http_5xx + ${counts.http5xx},
          join_buckets = (
            select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
            from unnest(join_buckets, ${intArray(counts.joinBuckets)}::int[])
              with ordinality as added(a, b, i))
        where at = ${at.toISOString()}`);
    },

    async writeSample(at: Date, s: SlotSample): Promise<void> {
      await database.rows(sql`
        update stats_samples set
          live_sessions = ${s.liveSessions},
          connected_users = ${s.connectedUsers},
          recordings_active = ${s.recordingsActive},
          bytes_in_per_second = ${s.bytesInPerSecond},
          bytes_out_per_second = ${s.bytesOutPerSecond},
          packet_loss_percent = ${s.packetLossPercent},
          livekit_rooms = ${s.livekitRooms},
          livekit_participants = ${s.livekitParticipants}
        where at = ${at.toISOString()}`);
    },

    /** Deletes the samples older than `before`; resolves with how many. */
    async prune(before: Date): Promise<number> {
      const rows = await database.rows(sql`
        delete from stats_samples where at < ${before.toISOString()} returning at`);
      return rows.length;
    },

    /** The newest sample taken since `since`, if any. */
    async latestSample(since: Date): Promise<(SlotSample & { at: Date }) | undefined> {
      const [row] = await database.rows<Record<string, unknown>>(sql`
        select at, live_sessions, connected_users, recordings_active, bytes_in_per_second,
          bytes_out_per_second, packet_loss_percent, livekit_rooms, livekit_participants
        from stats_samples
        where at >= ${since.toISOString()} and live_sessions is not null
        order by at desc limit 1`);
      if (!row) return undefined;
      return {
        at: new Date(row.at as string | Date),
        liveSessions: num(row.live_sessions),
        connectedUsers: num(row.connected_users),
        recordingsActive: num(row.recordings_active),
        bytesInPerSecond: num(row.bytes_in_per_second),
        bytesOutPerSecond: num(row.bytes_out_per_second),
        packetLossPercent: num(row.packet_loss_percent),
        livekitRooms: num(row.livekit_rooms),
        livekitParticipants: num(row.livekit_participants),
      };
    },

    /**
     * The samples since `from` in steps of `stepSeconds`: sessions and people at their peak,
     * traffic and loss averaged, counts and latency buckets summed (so that per-minute rates and
     * quantiles can be taken per step).
     */
    async series(from: Date, stepSeconds: number): Promise<SeriesRow[]> {
      const bucketSums = sql.join(
        Array.from(
          { length: LATENCY_BUCKETS },
          (_, i) => sql`coalesce(sum(join_buckets[${sql.raw(String(i + 1))}]), 0)::int`,
        ),
        sql`, `,
      );
      const rows = await database.rows<Record<string, unknown>>(sql`
        select
          (floor(extract(epoch from at) / ${stepSeconds}) * ${stepSeconds})::bigint as bucket,
          sum(seconds)::int as seconds,
          max(live_sessions)::float8 as live_sessions,
          max(connected_users)::float8 as connected_users,
          avg(bytes_in_per_second)::float8 as bytes_in_per_second,
          avg(bytes_out_per_second)::float8 as bytes_out_per_second,
          avg(packet_loss_percent)::float8 as packet_loss_percent,
          sum(joins)::int as joins,
          sum(http_4xx)::int as http_4xx,
          sum(http_5xx)::int as http_5xx,
          array[${bucketSums}] as join_buckets
        from stats_samples
        where at >= ${from.toISOString()}
        group by 1
        order by 1`);
      return rows.map((r) => ({
        bucket: Number(r.bucket),
        seconds: Number(r.seconds),
        liveSessions: num(r.live_sessions),
        connectedUsers: num(r.connected_users),
        bytesInPerSecond: num(r.bytes_in_per_second),
        bytesOutPerSecond: num(r.bytes_out_per_second),
        packetLossPercent: num(r.packet_loss_percent),
        joins: Number(r.joins),
        joinBuckets: (r.join_buckets as (number | string)[]).map(Number),
        http4xx: Number(r.http_4xx),
        http5xx: Number(r.http_5xx),
      }));
    },
  };
}
export type StatsRepository = ReturnType<typeof statsRepository>;
