import { describe, expect, it } from 'vitest';
import { browserCodecs } from './codecs.js';

const caps = (...mimeTypes: string[]): RTCRtpCapabilities => ({
  codecs: mimeTypes.map((mimeType) => ({ mimeType, clockRate: 90_000 })),
  headerExtensions: [],
});

describe('browserCodecs', () => {
  it('lists what the browser can send, whatever the case of its MIME types', () => {
    const found = browserCodecs((kind) =>
      kind === 'video'
        ? caps('video/VP8', 'video/rtx', 'video/H264', 'video/AV1')
        : caps('audio/opus', 'audio/PCMU'),
    );
    expect(found).toEqual({ VP8: true, 'H.264': true, VP9: false, AV1: true, Opus: true });
  });

  it('knows nothing where the browser has no WebRTC', () => {
    expect(browserCodecs(() => null)).toBeUndefined();
  });
});
