import { openLevelProbe } from '../core/level-probe.js';

/** A level (0..1 on the meter's decibel scale) that only sound, not a quiet room, reaches. */
export const HEARD_LEVEL = 0.3;

/**
 * Listens to a microphone track until it hears something: calls `onHeard` once the level
 * reaches {@link HEARD_LEVEL}. Polls on a timer, not on animation frames, which stop in a
 * background tab. A context the browser keeps suspended until a user gesture is resumed on the
 * first click or key press. Returns the function that stops listening.
 */
export function listenForSound(track: MediaStreamTrack, onHeard: () => void): () => void {
  if (typeof AudioContext === 'undefined') return () => undefined;
  const probe = openLevelProbe(track, 1024);

  const resume = () => void probe.context.resume().catch(() => undefined);
  const gestures = ['pointerdown', 'keydown'] as const;
  for (const name of gestures) document.addEventListener(name, resume, { once: true });
  resume();

  const stop = () => {
    clearInterval(timer);
    for (const name of gestures) document.removeEventListener(name, resume);
    probe.close();
  };
  const timer = setInterval(() => {
    if (probe.read() >= HEARD_LEVEL) {
      stop();
      onHeard();
    }
  }, 100);
  return stop;
}
