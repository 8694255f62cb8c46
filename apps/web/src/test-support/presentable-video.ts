/**
 * A `<video>` whose next presented frame the test decides: `present()` runs what was last
 * given to its `requestVideoFrameCallback` (happy-dom has none).
 */
export function presentableVideo() {
  const element = document.createElement('video');
  let present: () => void = () => undefined;
  Object.assign(element, {
    requestVideoFrameCallback: (callback: () => void) => {
      present = callback;
      return 1;
    },
  });
  return { element, present: () => present() };
}
