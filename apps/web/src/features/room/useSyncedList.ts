import { useCallback, useEffect, useState } from 'react';
import { useConnectedOnce, useReconnected } from '../../livekit/index.js';
import type { PacketTopic } from './data-packets.js';
import { usePackets } from './usePackets.js';

/** Where an item's latest copy came from: the API (the caller's own view) or a data packet. */
export type ItemSource = 'api' | 'packet';

export interface SyncedList<T, Param extends string> {
  items: readonly T[];
  /** True when the list could not be read (live packets still arrive). */
  failed: boolean;
  /** Takes an item the API answered (after the caller's own action). */
  put: (item: T) => void;
  /** The path parameters of one item's routes. */
  at: (id: string) => ItemParams<Param>;
}

/** The path parameters of an item's routes: its session's id, and its own under `Param`. */
export type ItemParams<Param extends string> = { session_id: string } & Record<Param, string>;

/** Where a session's list comes from and how a newer copy of an item is taken in. */
export interface SyncedSource<T, Param extends string> {
  /** The name of an item's id in its routes' paths (`poll_id`). */
  param: Param;
  /** The list as the API answers it to the caller. */
  load: (sessionId: string) => Promise<readonly T[]>;
  /** The server's packets, each one item. */
  packets: PacketTopic<T>;
  /** What a newer copy keeps of the one held. */
  merge: (current: T | undefined, incoming: T, source: ItemSource) => T;
}

/**
 * A list of the session's items (polls, questions) kept current: read through the API once
 * connected (and again after LiveKit restored a dropped connection), then updated by the
 * packets the server sends on the source's topic.
 */
export function useSyncedList<T extends { id: string }, Param extends string>(
  sessionId: string,
  source: SyncedSource<T, Param>,
): SyncedList<T, Param> {
  const { load, merge, param } = source;
  const [items, setItems] = useState<readonly T[]>([]);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  const connected = useConnectedOnce();

  const apply = useCallback(
    (incoming: readonly T[], source: ItemSource) =>
      setItems((held) => {
        const next = [...held];
        for (const item of incoming) {
          const at = next.findIndex((h) => h.id === item.id);
          if (at === -1) next.push(merge(undefined, item, source));
          else next[at] = merge(next[at], item, source);
        }
        return next;
      }),
    [merge],
  );

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    load(sessionId)
      .then((loaded) => {
        if (cancelled) return;
        setFailed(false);
        apply(loaded, 'api');
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [load, sessionId, apply, connected, generation]);
  useReconnected(() => setGeneration((n) => n + 1), connected);

  usePackets(source.packets, (item) => apply([item], 'packet'));

  const put = useCallback((item: T) => apply([item], 'api'), [apply]);
  const at = useCallback(
    (id: string) => ({ session_id: sessionId, [param]: id }) as ItemParams<Param>,
    [sessionId, param],
  );
  return { items, failed, put, at };
}
