/**
 * What the person wants published: chosen in the pre-join, changed by the toggles, and applied
 * again after a rejoin (a screen share is not: browsers want a fresh click for it).
 */
export interface MediaIntent {
  camera: boolean;
  microphone: boolean;
}
