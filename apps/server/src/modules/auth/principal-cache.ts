import type { Redis } from 'ioredis';
import { subscriberOf } from '../../redis.js';
import type { Principal } from './auth-tokens.js';

const CHANNEL = 'stagecast:auth:revoked';
/** How long a resolved token is trusted without asking the database again, by default. */
export const PRINCIPAL_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

/**
 * Resolved tokens, kept for up to `ttlMs` (30 s) so a busy room's rejoins and chat do not ask
 * the database who the caller is each time. A revocation (logout, password change, role change,
 * an account disabled) drops the entries here at once, and with `REDIS_URL` is published so
 * every other instance drops them too; without Redis, other instances may serve a revoked token
 * until their entry expires, which is why `app.ts` shortens `ttlMs` there.
 */
export function principalCache(redis: Redis | undefined, ttlMs = PRINCIPAL_TTL_MS) {
  const entries = new Map<string, { principal: Principal; until: number }>();

  function dropLocal(message: string): void {
    if (message.startsWith('t:')) {
      entries.delete(message.slice(2));
      return;
    }
    const userId = message.slice(2);
    for (const [hash, entry] of entries) {
      if (entry.principal.kind === 'user' && entry.principal.user.id === userId)
        entries.delete(hash);
    }
  }

  const subscriber = redis && subscriberOf(redis);
  subscriber?.on('message', (_channel: string, message: string) => dropLocal(message));
  void subscriber?.subscribe(CHANNEL).catch(() => undefined);

  async function drop(message: string): Promise<void> {
    dropLocal(message);
    await redis?.publish(CHANNEL, message).catch(() => undefined);
  }

  return {
    get(tokenHash: string): Principal | undefined {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.until <= Date.now()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.principal;
    },
    set(tokenHash: string, principal: Principal, expiresAt: Date): void {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(tokenHash, {
        principal,
        until: Math.min(Date.now() + ttlMs, expiresAt.getTime()),
      });
    },
    dropToken: (tokenHash: string) => drop(`t:${tokenHash}`),
    dropUser: (userId: string) => drop(`u:${userId}`),
    async close(): Promise<void> {
      await subscriber?.quit().catch(() => undefined);
    },
  };
}
export type PrincipalCache = ReturnType<typeof principalCache>;
