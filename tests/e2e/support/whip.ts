import type { Page } from 'playwright-core';

/** What a WHIP exchange answered, as the page saw it. */
export interface WhipAnswer {
  status: number;
  /** The video codec the answer settled on (`H264`, `VP8`…), when it was a 201. */
  codec?: string;
  /** The WHIP session's URL (`Location`, resolved against the endpoint), when it was a 201. */
  location?: string;
  /** The error text, when it was not a 201. */
  text?: string;
  /** How long the `POST` took, from sending it to its whole answer (ICE gathering before not counted). */
  postMs: number;
}

/**
 * Publishes the fake camera and microphone over WHIP from `page`, as OBS does (RFC 9725): one
 * send-only peer connection, H.264 baseline preferred when the browser can encode it, the ICE
 * candidates gathered first (no trickle), `POST` the offer with `Authorization: Bearer <key>`
 * and `Content-Type: application/sdp`, apply the `201`'s answer. The connection stays on
 * `window.__whip` (the last one), so the test can watch its state.
 */
export function publishOverWhip(page: Page, url: string, key: string): Promise<WhipAnswer> {
  return page.evaluate(
    async ({ url: endpoint, key: bearer }) => {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 360, frameRate: 30 },
        audio: true,
      });
      const pc = new RTCPeerConnection();
      for (const track of stream.getTracks()) {
        const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
        if (track.kind !== 'video') continue;
        const codecs = RTCRtpSender.getCapabilities('video')?.codecs ?? [];
        const baseline = codecs.filter(
          (c) => c.mimeType === 'video/H264' && /profile-level-id=42e0/.test(c.sdpFmtpLine ?? ''),
        );
        if (baseline.length > 0) transceiver.setCodecPreferences(baseline);
      }
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
        setTimeout(resolve, 2_000);
      });
      const postedAt = performance.now();
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/sdp' },
        body: pc.localDescription!.sdp,
      });
      const text = await res.text();
      const postMs = Math.round(performance.now() - postedAt);
      if (res.status !== 201) {
        pc.close();
        return { status: res.status, text, postMs };
      }
      await pc.setRemoteDescription({ type: 'answer', sdp: text });
      (window as unknown as { __whip: RTCPeerConnection }).__whip = pc;
      const location = new URL(res.headers.get('location') ?? '', endpoint).href;
      const video = text.split('m=video')[1] ?? '';
      const payload = /^ \d+ [A-Z/]+ ([0-9]+)/.exec(video)?.[1];
      const codec = payload
        ? new RegExp(`a=rtpmap:${payload} ([^/]+)/`).exec(video)?.[1]
        : undefined;
      return { status: 201, location, postMs, ...(codec ? { codec } : {}) };
    },
    { url, key },
  );
}

/**
 * OBS's "Stop Streaming": `DELETE` of the WHIP session with the key, then the page's connection
 * closed. Returns the status of the `DELETE`.
 */
export function stopOverWhip(page: Page, location: string, key: string): Promise<number> {
  return page.evaluate(
    async ({ location: session, key: bearer }) => {
      const res = await fetch(session, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${bearer}` },
      });
      (window as unknown as { __whip?: RTCPeerConnection }).__whip?.close();
      return res.status;
    },
    { location, key },
  );
}
