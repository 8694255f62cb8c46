/**
 * Per-browser persistence for user choices (devices, audio and video settings, language).
 *
 * Values live in localStorage under the `stagecast.` prefix. Listeners are notified on writes in
 * this tab and on `storage` events from other tabs, so every hook instance reading a key stays in
 * step: a change made in the settings dialog reaches the hook that drives the live tracks.
 */

/** Prefix of every key this app writes, so our entries are easy to find and clear. */
export const STORAGE_PREFIX = 'stagecast.';

// Used when localStorage throws (Safari private mode on write, sandboxed iframes on access):
// choices then last for the page's lifetime instead of breaking the app.
const memory = new Map<string, string>();
const listeners = new Map<string, Set<() => void>>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Reads the raw stored string for `key` (without prefix), or null when nothing is stored. */
export function readStored(key: string): string | null {
  const kept = memory.get(key);
  if (kept !== undefined) return kept;
  try {
    return storage()?.getItem(STORAGE_PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

/** Stores `value` under `key` (without prefix) and notifies this tab's listeners. */
export function writeStored(key: string, value: string): void {
  try {
    const target = storage();
    if (!target) throw new Error('localStorage is unavailable');
    target.setItem(STORAGE_PREFIX + key, value);
    memory.delete(key);
  } catch {
    memory.set(key, value);
  }
  listeners.get(key)?.forEach((listener) => listener());
}

/** Calls `listener` whenever `key` changes, here or in another tab. Returns the unsubscribe. */
export function subscribeStored(key: string, listener: () => void): () => void {
  let set = listeners.get(key);
  if (!set) {
    set = new Set();
    listeners.set(key, set);
  }
  set.add(listener);
  const onStorage = (event: StorageEvent) => {
    // key is null when another tab called localStorage.clear()
    if (event.key === null || event.key === STORAGE_PREFIX + key) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    set.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

/** Parses stored JSON, returning undefined for missing or corrupt values. */
export function parseStoredJson(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
