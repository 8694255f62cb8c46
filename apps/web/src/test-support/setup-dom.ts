// Set up before every test file (vitest.config.ts `setupFiles`); only DOM tests need anything.
// `waitFor` and `findBy…` wait up to 5 s instead of 1 s: in the full run, these files share the
// machine's two cores with livekit-server, Chromium and the app, and a render can take longer
// than a second there without anything being wrong.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5_000 });
}
export {};
