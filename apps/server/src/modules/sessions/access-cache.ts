import type { Redis } from 'ioredis';
import { subscriberOf } from '../../redis.js';

const CHANNEL = 'stagecast:sessions:changed';
const MAX_ENTRIES = 50_000;

/**
 * Recent answers of `accessView` (a session, one caller's row there, where else they are
 * connected), so a burst of joins and reconnects does not ask the database the same question
 * each time. Any write to a session or to an identity's rows drops what it concerns at once —
 * here, and on every other instance through Redis when `REDIS_URL` is set. An entry lives at most
 * `ttlMs`, which bounds how stale another instance can be without Redis (or after a lost Redis
 * message); a stale answer is never the last word, since LiveKit's `participant_joined` webhook
 * checks bans and the ended state again.
 */
export function accessCache<T>(redis: Redis | undefined, ttlMs: number) {
  const entries = new Map<
    string,
    { value: T; born: number; until: number; sessionId: string; identity: string }
  >();
  /** Bumped by every drop: an answer read before a drop must not be stored after it. */
  let epoch = 0;
  const bySession = new Map<string, Set<string>>();
  const byIdentity = new Map<string, Set<string>>();

  const index = (map: Map<string, Set<string>>, id: string, key: string) => {
    let keys = map.get(id);
    if (!keys) map.set(id, (keys = new Set()));
    keys.add(key);
  };
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bySession.get(entry.sessionId)?.delete(key);
    byIdentity.get(entry.identity)?.delete(key);
  };
  const dropLocal = (message: string) => {
    epoch += 1;
    const map = message.startsWith('s:') ? bySession : byIdentity;
    const id = message.slice(2);
    for (const key of map.get(id) ?? []) remove(key);
    map.delete(id);
  };

  const subscriber = redis && subscriberOf(redis);
  subscriber?.on('message', (_channel: string, message: string) => dropLocal(message));
  void subscriber?.subscribe(CHANNEL).catch(() => undefined);
  const publish = (message: string) => {
    dropLocal(message);
    void redis?.publish(CHANNEL, message).catch(() => undefined);
  };

  return {
    /** The cached answer, and whether it is past half its life (time to refresh it). */
    get(sessionId: string, identity: string): { value: T; aging: boolean } | undefined {
      const key = `${sessionId}\n${identity}`;
      const entry = entries.get(key);
      if (!entry) return undefined;
      const now = Date.now();
      if (entry.until <= now) {
        remove(key);
        return undefined;
      }
      return { value: entry.value, aging: now - entry.born > ttlMs / 2 };
    },
    /** A mark to pass to `set`: the answer is stored only if nothing was dropped meanwhile. */
    mark: () => epoch,
    set(sessionId: string, identity: string, value: T, mark: number): void {
      if (mark !== epoch) return;
      if (entries.size >= MAX_ENTRIES) remove(entries.keys().next().value!);
      const key = `${sessionId}\n${identity}`;
      const now = Date.now();
      entries.set(key, { value, born: now, until: now + ttlMs, sessionId, identity });
      index(bySession, sessionId, key);
      index(byIdentity, identity, key);
    },
    /** The session changed (its row or any participant's): every caller's view of it goes. */
    sessionChanged: (sessionId: string) => publish(`s:${sessionId}`),
    /** An identity's rows changed: its views of every session go (their `elsewhere` lists). */
    identityChanged: (identity: string) => publish(`i:${identity}`),
    async close(): Promise<void> {
      await subscriber?.quit().catch(() => undefined);
    },
  };
}
export type AccessCache<T> = ReturnType<typeof accessCache<T>>;

/**
 * Runs a write that concerns a session (and, when given, an identity's rows), dropping the
 * cached views it touches before the write and again once it is done, so that no read made in
 * between is kept. Every repository that writes sessions or participants goes through this.
 */
export function dropAround<V>(cache: AccessCache<V> | undefined) {
  const changed = (sessionId: string, identity?: string) => {
    cache?.sessionChanged(sessionId);
    if (identity) cache?.identityChanged(identity);
  };
  return async <T>(sessionId: string, identity: string | undefined, run: () => Promise<T>) => {
    changed(sessionId, identity);
    try {
      return await run();
    } finally {
      changed(sessionId, identity);
    }
  };
}
