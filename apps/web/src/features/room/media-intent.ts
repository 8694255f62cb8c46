/**
 * What the person wants published: chosen in the pre-join, changed by the toggles, and applied
 * again after a rejoin (a screen share is not: browsers want a fresh click for it).
 */
export interface MediaIntent {
  camera: boolean;
  microphone: boolean;
}

export const NOTHING_ON: MediaIntent = { camera: false, microphone: false };

/**
 * The intent of one visit to the room, kept across its connections. A plain holder rather than
 * state: changing it must not re-render the room, only the next connection reads it.
 */
export interface MediaIntentStore {
  get(): MediaIntent;
  set(intent: MediaIntent): void;
}

export function createMediaIntentStore(initial: MediaIntent = NOTHING_ON): MediaIntentStore {
  let current = initial;
  return {
    get: () => current,
    set: (intent) => {
      current = intent;
    },
  };
}
