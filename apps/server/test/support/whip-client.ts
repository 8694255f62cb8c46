import { randomBytes } from 'node:crypto';

/**
 * A WHIP client's SDP offer as OBS sends it (RFC 9725): one send-only Opus and one send-only
 * H.264 baseline section, bundled, with fresh ICE credentials and a DTLS fingerprint. Enough for
 * LiveKit to answer `201` and add the participant; no media follows (the e2e test sends real
 * media from Chromium).
 */
export function whipOffer(): string {
  const ufrag = randomBytes(4).toString('hex');
  const pwd = randomBytes(12).toString('hex');
  const fingerprint = [...randomBytes(32)]
    .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
    .join(':');
  const transport = (mid: number) => [
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fingerprint}`,
    'a=setup:actpass',
    `a=mid:${mid}`,
    'a=sendonly',
    'a=rtcp-mux',
  ];
  return `${[
    'v=0',
    `o=- ${randomBytes(6).readUIntBE(0, 6)} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS obs',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...transport(0),
    'a=msid:obs audio',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=ssrc:1001 cname:obs',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ...transport(1),
    'a=msid:obs video',
    'a=rtcp-rsize',
    'a=rtpmap:96 H264/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=fmtp:96 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
    'a=ssrc:2001 cname:obs',
  ].join('\r\n')}\r\n`;
}

export interface WhipResponse {
  status: number;
  headers: Headers;
  /** The SDP answer, or the parsed JSON error body. */
  text: string;
  error?: { code: string; reason?: string; message: string; details?: unknown };
}

/** One WHIP call (`POST` an offer, `PATCH` a fragment, `DELETE`) with `key` as the Bearer. */
export async function whipCall(
  method: 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS',
  url: string,
  key: string | undefined,
  options: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<WhipResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const body = options.body ?? (method === 'POST' ? whipOffer() : undefined);
  if (body !== undefined) {
    headers['content-type'] =
      options.contentType ??
      (method === 'POST' ? 'application/sdp' : 'application/trickle-ice-sdpfrag');
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json');
  return {
    status: res.status,
    headers: res.headers,
    text,
    ...(json && text
      ? { error: (JSON.parse(text) as { error: WhipResponse['error'] }).error }
      : {}),
  };
}
