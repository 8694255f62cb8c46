import { useCallback, useEffect, useState } from 'react';
import { useConnectedOnce, useDataTopic, useReconnected } from '../../livekit/index.js';

/** Where an item's latest copy came from: the API (the caller's own view) or a data packet. */
export type ItemSource = 'api' | 'packet';

export interface SyncedList<T> {
  items: readonly T[];
  /** True when the list could not be read (live packets still arrive). */
  failed: boolean;
  /** Takes an item the API answered (after the caller's own action). */
  put: (item: T) => void;
}

/**
 * A list of the session's items (polls, questions) kept current: read through the API once
 * connected (and again after LiveKit restored a dropped connection), then updated by the
 * packets the server sends on `topic`. `merge` decides what a newer copy keeps of the one held.
 */
export function useSyncedList<T extends { id: string }>(options: {
  load: () => Promise<readonly T[]>;
  topic: string;
  parse: (payload: Uint8Array) => T | undefined;
  merge: (current: T | undefined, incoming: T, source: ItemSource) => T;
}): SyncedList<T> {
  const { load, merge } = options;
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
    load()
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
  }, [load, apply, connected, generation]);
  useReconnected(() => setGeneration((n) => n + 1), connected);

  useDataTopic(options.topic, (payload) => {
    const item = options.parse(payload);
    if (item) apply([item], 'packet');
  });

  const put = useCallback((item: T) => apply([item], 'api'), [apply]);
  return { items, failed, put };
}
