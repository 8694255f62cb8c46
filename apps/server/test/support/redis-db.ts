import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The key that marks a Redis database as taken by a test. */
const CLAIM_KEY = 'stagecast:test-claim';
/** What LiveKit keeps in a database even when it holds no room. */
const LIVEKIT_VERSION_KEY = 'livekit_version';

/**
 * An empty database of the machine's Redis, for a test's own use (LiveKit's multi-node keys
 * are not prefixed, so two runs on one database would see each other's nodes and rooms). Taken
 * with a `SET NX` marker, so parallel runs never share one; `release` empties it.
 */
export async function claimRedisDatabase(url: string): Promise<{
  db: number;
  /** `REDIS_URL` of the database. */
  url: string;
  /** `host:port`, as LiveKit's `redis.address` wants it. */
  address: string;
  release(): Promise<void>;
}> {
  const parsed = new URL(url);
  const address = `${parsed.hostname}:${parsed.port || 6379}`;
  const mark = randomBytes(6).toString('hex');
  for (let db = 15; db >= 1; db -= 1) {
    const redis = new Redis(url, { db, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      // Empty, or holding only the version mark a LiveKit node writes as it starts (one that
      // came up after its run let the database go).
      const size = await redis.dbsize();
      if (size > 1 || (size === 1 && (await redis.exists(LIVEKIT_VERSION_KEY)) === 0)) continue;
      if ((await redis.set(CLAIM_KEY, mark, 'EX', 3600, 'NX')) !== 'OK') continue;
      await redis.del(LIVEKIT_VERSION_KEY);
      const own = new URL(url);
      own.pathname = `/${db}`;
      return {
        db,
        url: own.toString(),
        address,
        release: async () => {
          const again = new Redis(url, { db, maxRetriesPerRequest: 1 });
          try {
            if ((await again.get(CLAIM_KEY)) === mark) await again.flushdb();
          } finally {
            again.disconnect();
          }
        },
      };
    } finally {
      redis.disconnect();
    }
  }
  throw new Error(`no empty database on ${address} for the test`);
}
