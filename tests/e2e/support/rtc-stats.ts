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
    };
  });
}

/**
 * The width of the video this page is publishing, from getStats: the `media-source` entry of
 * the outgoing video (what the camera is captured at). Encoded layers (`outbound-rtp`) can be
 * narrower while the encoder adapts to a busy machine, so they are not the measure here.
 */
export async function sentVideoWidth(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    let widest = 0;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; kind?: string; width?: number }) => {
        if (s.type === 'media-source' && s.kind === 'video' && s.width)
          widest = Math.max(widest, s.width);
      });
    }
    return widest;
  });
}
