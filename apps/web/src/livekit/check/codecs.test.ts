import { describe, expect, it } from 'vitest';
import { browserCodecs, codecsLine } from './codecs.js';

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

describe('codecsLine', () => {
  const all = { VP8: true, 'H.264': true, VP9: true, AV1: false, Opus: true };

  it('is ok with VP8 and Opus, naming what the browser sends', () => {
    expect(codecsLine(all)).toEqual({
      state: 'ok',
      reason: 'codecs_ok',
      values: { list: 'VP8, H.264, VP9, Opus' },
    });
  });

  it('warns without VP8, fails without Opus or any video codec calls use, and without WebRTC', () => {
    expect(codecsLine({ ...all, VP8: false }).reason).toBe('codecs_no_vp8');
    expect(codecsLine({ ...all, Opus: false }).state).toBe('failed');
    expect(codecsLine({ ...all, VP8: false, 'H.264': false })).toMatchObject({
      state: 'failed',
      reason: 'codecs_missing',
    });
    expect(codecsLine(undefined)).toEqual({ state: 'failed', reason: 'codecs_unsupported' });
  });
});
