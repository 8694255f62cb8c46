/** Quietest level the meter shows; anything below reads as silence. */
const FLOOR_DB = -60;

/**
 * Turns one window of time-domain samples (-1..1) into a meter level 0..1.
 *
 * The root mean square is mapped on a decibel scale from -60 dB to 0 dB, because loudness is
 * heard logarithmically: on a linear scale normal speech would barely move the bar.
 */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
