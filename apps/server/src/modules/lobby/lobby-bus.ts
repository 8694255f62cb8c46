import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LobbyStatus } from '@stagecast/contracts';
import { subscriberOf } from '../../redis.js';

const CHANNEL = 'stagecast:lobby';

/** What happened in a session's waiting room, as every instance hears it. */
export type LobbyEvent =
  /** A moderator decided on one knock: its wait stream (on whichever instance) answers. */
  | {
      type: 'decided';
      sessionId: string;
      identity: string;
      status: Exclude<LobbyStatus, 'waiting'>;
    }
  /** The session ended or was deleted: every wait stream of it closes. */
  | { type: 'closed'; sessionId: string };

type Listener = (event: LobbyEvent) => void;

/**
 * The lobby's event channel between instances: a decision taken on one instance reaches the wait
 * stream held by another. With `REDIS_URL` events go through Redis pub/sub; an event is always
 * delivered here at once too (and its echo from Redis skipped), so this instance does not
 * depend on the round trip, and without Redis the bus is simply in-process.
 */
export function lobbyBus(redis: Redis | undefined) {
  const origin = randomUUID();
  const listeners = new Map<string, Set<Listener>>();

  const deliver = (event: LobbyEvent) => {
    for (const listener of listeners.get(event.sessionId) ?? []) listener(event);
  };

  const subscriber = redis && subscriberOf(redis);
  subscriber?.on('message', (_channel: string, message: string) => {
    try {
      const parsed = JSON.parse(message) as { origin: string; event: LobbyEvent };
      if (parsed.origin !== origin) deliver(parsed.event);
    } catch {
      // Not ours: ignored.
    }
  });
  void subscriber?.subscribe(CHANNEL).catch(() => undefined);

  return {
    publish(event: LobbyEvent): void {
      deliver(event);
      void redis?.publish(CHANNEL, JSON.stringify({ origin, event })).catch(() => undefined);
    },
    /** Listens to one session's events; returns the function that stops listening. */
    subscribe(sessionId: string, listener: Listener): () => void {
      let set = listeners.get(sessionId);
      if (!set) listeners.set(sessionId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    async close(): Promise<void> {
      await subscriber?.quit().catch(() => undefined);
    },
  };
}
export type LobbyBus = ReturnType<typeof lobbyBus>;
