import type { CheckLine } from './check-lines.js';

/** The codecs the check lists: LiveKit's video codecs and the audio codec every call uses. */
export const LISTED_CODECS = ['VP8', 'H.264', 'VP9', 'AV1', 'Opus'] as const;
export type ListedCodec = (typeof LISTED_CODECS)[number];

const MIME: Record<ListedCodec, string> = {
  VP8: 'video/vp8',
  'H.264': 'video/h264',
  VP9: 'video/vp9',
  AV1: 'video/av1',
  Opus: 'audio/opus',
};

/**
 * Which of the listed codecs this browser can send, from `RTCRtpSender.getCapabilities`;
 * `undefined` where the browser cannot say (no WebRTC at all).
 */
export function browserCodecs(
  capabilities: (kind: 'audio' | 'video') => RTCRtpCapabilities | null | undefined = (kind) =>
    globalThis.RTCRtpSender?.getCapabilities?.(kind),
): Record<ListedCodec, boolean> | undefined {
  const video = capabilities('video');
  const audio = capabilities('audio');
  if (!video && !audio) return undefined;
  const mimeTypes = new Set(
    [...(video?.codecs ?? []), ...(audio?.codecs ?? [])].map((c) => c.mimeType.toLowerCase()),
  );
  return Object.fromEntries(LISTED_CODECS.map((c) => [c, mimeTypes.has(MIME[c])])) as Record<
    ListedCodec,
    boolean
  >;
}

/** The codecs line: calls need Opus and VP8 or H.264, and prefer VP8 (a warning without it). */
export function codecsLine(codecs: Record<ListedCodec, boolean> | undefined): CheckLine {
  if (!codecs) return { state: 'failed', reason: 'codecs_unsupported' };
  const list = LISTED_CODECS.filter((c) => codecs[c]).join(', ');
  const values = { list: list || '–' };
  if (!codecs.Opus || (!codecs.VP8 && !codecs['H.264'])) {
    return { state: 'failed', reason: 'codecs_missing', values };
  }
  if (!codecs.VP8) return { state: 'warning', reason: 'codecs_no_vp8', values };
  return { state: 'ok', reason: 'codecs_ok', values };
}
