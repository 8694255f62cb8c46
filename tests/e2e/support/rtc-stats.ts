import type { BrowserContext, Page } from 'playwright-core';

/**
 * Keeps every RTCPeerConnection a page creates in `window.__pcs`, so a test can read what the
 * browser really sends (getStats) without the app exposing its LiveKit room.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    w.__pcs = [];
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        w.__pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** The widest video frame this page is sending now, over all its simulcast layers. */
export async function sentVideoWidth(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    let widest = 0;
    for (const pc of pcs) {
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; kind?: string; frameWidth?: number }) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video' && s.frameWidth)
          widest = Math.max(widest, s.frameWidth);
      });
    }
    return widest;
  });
}
