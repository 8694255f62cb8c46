import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseStoredJson, readStored, subscribeStored, writeStored } from '../../lib/storage.js';

/**
 * State kept in localStorage (see `lib/storage.ts`) and shared by every component that reads
 * the same key, in this tab and others.
 *
 * @param key - storage key without the `stagecast.` prefix
 * @param parse - turns the stored JSON (or undefined) into a valid value; must be a stable
 *   function (defined at module level), since the value is re-parsed when it changes
 * @returns the current value and a setter that accepts a value or an updater
 */
export function usePersistedState<T>(
  key: string,
  parse: (stored: unknown) => T,
): [T, (next: T | ((current: T) => T)) => void] {
  // The raw string is the snapshot: strings compare by value, so React re-renders only when the
  // stored text really changes.
  const subscribe = useCallback((listener: () => void) => subscribeStored(key, listener), [key]);
  const raw = useSyncExternalStore(
    subscribe,
    () => readStored(key),
    () => null,
  );
  const value = useMemo(() => parse(parseStoredJson(raw)), [parse, raw]);

  const setValue = useCallback(
    (next: T | ((current: T) => T)) => {
      // Read the store, not the render's value, so two updates in one event both apply.
      const current = parse(parseStoredJson(readStored(key)));
      const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
      writeStored(key, JSON.stringify(resolved));
    },
    [key, parse],
  );

  return [value, setValue];
}
