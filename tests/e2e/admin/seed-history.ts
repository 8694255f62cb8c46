import { openDatabase } from '../../../apps/server/src/db/client.js';
import { statsSamples } from '../../../apps/server/src/db/schema.js';
import { LATENCY_BUCKETS } from '../../../apps/server/src/metrics/latency-buckets.js';

const SLOT_SECONDS = 10;

/**
 * The hour before a test run, as an app sampling every 10 s would have stored it: a morning
 * class that grows to two dozen people, a second session, traffic that follows them, and the
 * class ending a few minutes ago, leaving a handful. Written into the app's database before it
 * starts, so that `/admin` shows what an operator sees on a server that has been up a while;
 * the samples the app takes during the test come after `until` and are checked on their own.
 */
export async function seedStatsHistory(
  db: { dataDir: string; databaseUrl: string | undefined },
  until: Date,
): Promise<void> {
  const database = await openDatabase({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
  try {
    const end = Math.floor(until.getTime() / 1000 / SLOT_SECONDS) * SLOT_SECONDS;
    const rows = [];
    for (let at = end - 3600; at < end; at += SLOT_SECONDS) {
      const minute = (at - (end - 3600)) / 60;
      rows.push(sampleAt(new Date(at * 1000), minute));
    }
    await database.db.insert(statsSamples).values(rows);
  } finally {
    await database.close();
  }
}

/** A smooth wobble, so the lines look measured rather than drawn with a ruler. */
const wobble = (minute: number, period: number, amount: number) =>
  Math.sin((minute / period) * 2 * Math.PI) * amount;

/** Repeatable noise in [0, 1) for a slot (mulberry32 of its minute), so every run looks alike. */
function noise(minute: number, salt: number): number {
  let a = (Math.round(minute * 6) * 2654435761 + salt * 40503) >>> 0;
  a = (a + 0x6d2b79f5) >>> 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function sampleAt(at: Date, minute: number) {
  const classOn = minute >= 8 && minute < 52;
  const ramp = Math.min(1, Math.max(0, (minute - 8) / 6));
  const pupils = classOn ? Math.round(ramp * (22 + wobble(minute, 7, 2.5))) : 0;
  const office = minute >= 27 ? 3 + Math.round(wobble(minute, 11, 1) + 0.4) : 0;
  const people = (classOn ? 1 + pupils : 0) + office;
  const sessions = (classOn ? 1 : 0) + (minute >= 27 ? 1 : 0);
  const publishers = (classOn ? 1 : 0) + (office > 0 ? 2 : 0);
  // A publisher sends about 1.4 Mb/s; every other person receives what is published.
  const bytesIn = publishers * (175_000 + wobble(minute, 3, 8_000) + noise(minute, 1) * 20_000);
  const bytesOut =
    Math.max(0, people - 1) * (160_000 + wobble(minute, 4, 10_000) + noise(minute, 2) * 25_000);
  const arriving = (classOn && minute < 16) || (minute >= 27 && minute < 29);
  const joins = arriving ? Math.round(2 + noise(minute, 3) * 5) : noise(minute, 4) < 0.04 ? 1 : 0;
  const joinBuckets = new Array<number>(LATENCY_BUCKETS).fill(0);
  joinBuckets[2] = Math.ceil(joins * 0.7); // 10–25 ms
  joinBuckets[3] = joins - joinBuckets[2]; // 25–50 ms
  return {
    at,
    seconds: SLOT_SECONDS,
    liveSessions: sessions,
    connectedUsers: people,
    recordingsActive: classOn ? 1 : 0,
    bytesInPerSecond: people > 0 ? bytesIn : 0,
    bytesOutPerSecond: bytesOut,
    // Mostly a little loss, now and then a spike (someone's train went into a tunnel).
    packetLossPercent:
      people > 0 ? 0.05 + noise(minute, 5) * 0.2 + (noise(minute, 6) < 0.03 ? 1.5 : 0) : 0,
    livekitRooms: sessions,
    livekitParticipants: people,
    joins,
    joinBuckets,
    http4xx: noise(minute, 7) < 0.05 ? 1 : 0,
    http5xx: 0,
  };
}
