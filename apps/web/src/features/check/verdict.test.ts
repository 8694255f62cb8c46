import { describe, expect, it } from 'vitest';
import { initialCheckLines, type CheckLine, type CheckLines } from '../../livekit/index.js';
import { verdictFor } from './verdict.js';

const ok = (reason: CheckLine['reason'], extra: Partial<CheckLine> = {}): CheckLine => ({
  state: 'ok',
  reason,
  ...extra,
});
const notOffered: CheckLine = { state: 'not_offered', reason: 'turn_not_offered' };
const ports = { rtcPorts: { udp: 7882, tcp: 7881 } };

/** The loopback deployment, all through: direct UDP, no TURN offered, microphone heard. */
function loopback(overrides: Partial<CheckLines> = {}): CheckLines {
  return {
    signal: ok('signal_ok', { values: { version: '1.13.5', host: '127.0.0.1:7880' } }),
    media: ok('media_received', { path: 'udp', values: { frames: 10, width: 640, height: 360 } }),
    turn_udp: notOffered,
    turn_tcp: notOffered,
    turn_tls: notOffered,
    microphone: ok('mic_heard'),
    codecs: ok('codecs_ok', { values: { list: 'VP8, H.264, VP9, AV1, Opus' } }),
    ...overrides,
  };
}

/** A server offering TURN over UDP and TLS, both relaying. */
function withTurn(overrides: Partial<CheckLines> = {}): CheckLines {
  return loopback({
    turn_udp: ok('turn_relayed_video', { values: { ms: 300 } }),
    turn_tls: ok('turn_relayed_video', { values: { ms: 450 } }),
    ...overrides,
  });
}

describe('verdictFor', () => {
  it('keeps checking while a network line is pending or running, whatever the others say', () => {
    expect(verdictFor(initialCheckLines(), ports)).toEqual({ kind: 'checking', tone: 'running' });
    const turnRunning = loopback({ turn_tls: { state: 'running', reason: 'turn_checking' } });
    expect(verdictFor(turnRunning, ports).tone).toBe('running');
  });

  it('does not wait for the microphone, which waits for someone to speak', () => {
    const lines = loopback({ microphone: { state: 'running', reason: 'mic_listening' } });
    expect(verdictFor(lines, ports)).toEqual({ kind: 'all_good_no_turn', tone: 'ok' });
  });

  it('says everything works on the loopback deployment, and that no TURN is offered', () => {
    expect(verdictFor(loopback(), ports)).toEqual({ kind: 'all_good_no_turn', tone: 'ok' });
  });

  it('says everything works when direct UDP and every offered TURN transport work', () => {
    expect(verdictFor(withTurn(), ports)).toEqual({ kind: 'all_good', tone: 'ok' });
  });

  it('blames the API first: rate limit, then an API that does not answer', () => {
    const limited = loopback({ signal: { state: 'failed', reason: 'api_rate_limited' } });
    expect(verdictFor(limited, ports)).toEqual({ kind: 'rate_limited', tone: 'failed' });
    const down = loopback({ signal: { state: 'failed', reason: 'api_failed' } });
    expect(verdictFor(down, ports)).toEqual({ kind: 'api_failed', tone: 'failed' });
  });

  it('names the media server’s address when the signal WebSocket cannot be reached', () => {
    const lines = loopback({
      signal: { state: 'failed', reason: 'signal_unreachable', values: { host: 'lk.example' } },
      media: { state: 'failed', reason: 'not_tested' },
    });
    expect(verdictFor(lines, ports)).toEqual({
      kind: 'signal_blocked',
      tone: 'failed',
      values: { host: 'lk.example' },
    });
  });

  it('asks to open the media ports by number when media cannot flow and no TURN helps', () => {
    const lines = loopback({ media: { state: 'failed', reason: 'media_unreachable' } });
    expect(verdictFor(lines, ports)).toEqual({
      kind: 'media_blocked_ports',
      tone: 'failed',
      values: { udp: 7882, tcp: 7881 },
    });
    expect(verdictFor(lines, { rtcPorts: null })).toEqual({
      kind: 'media_blocked',
      tone: 'failed',
    });
    const turnDown = withTurn({
      media: { state: 'failed', reason: 'media_unreachable' },
      turn_udp: { state: 'failed', reason: 'turn_unreachable', values: { error: '701' } },
      turn_tls: { state: 'failed', reason: 'turn_relay_failed' },
    });
    expect(verdictFor(turnDown, ports).kind).toBe('media_blocked_ports');
  });

  it('points at the TURN transport that works when the direct media path does not', () => {
    const lines = withTurn({ media: { state: 'failed', reason: 'media_unreachable' } });
    expect(verdictFor(lines, ports)).toEqual({
      kind: 'media_blocked_turn_ok',
      tone: 'warning',
      values: { transport: 'TLS' },
    });
  });

  it('tells UDP is blocked when the call’s media went through TURN over TLS or TCP', () => {
    const tls = withTurn({
      media: ok('media_received', { path: 'turn_tls' }),
      turn_udp: { state: 'failed', reason: 'turn_unreachable', values: { error: '701' } },
    });
    expect(verdictFor(tls, ports)).toEqual({
      kind: 'udp_blocked_turn',
      tone: 'warning',
      values: { transport: 'TLS' },
    });
    const tcp = withTurn({ media: ok('media_received', { path: 'turn_tcp' }) });
    expect(verdictFor(tcp, ports).values).toEqual({ transport: 'TCP' });
  });

  it('tells a relayed UDP path and a direct TCP path apart', () => {
    expect(
      verdictFor(withTurn({ media: ok('media_received', { path: 'turn_udp' }) }), ports),
    ).toEqual({ kind: 'relay_needed', tone: 'warning' });
    expect(verdictFor(loopback({ media: ok('media_received', { path: 'tcp' }) }), ports)).toEqual({
      kind: 'tcp_only',
      tone: 'warning',
    });
  });

  it('lists the TURN transports that fail from here even when direct UDP works', () => {
    const lines = withTurn({
      turn_tcp: { state: 'failed', reason: 'turn_unreachable', values: { error: '701' } },
      turn_tls: { state: 'failed', reason: 'turn_relay_failed' },
    });
    expect(verdictFor(lines, ports)).toEqual({
      kind: 'turn_partial',
      tone: 'warning',
      values: { transports: 'TCP, TLS' },
    });
  });

  it('puts a camera problem before network advice, since nothing could be sent', () => {
    const lines = loopback({ media: { state: 'failed', reason: 'camera_denied' } });
    expect(verdictFor(lines, ports)).toEqual({ kind: 'camera_problem', tone: 'failed' });
  });

  it('says the video did not come back when the server took it but sent nothing', () => {
    const lines = loopback({ media: { state: 'failed', reason: 'media_no_frames' } });
    expect(verdictFor(lines, ports)).toEqual({ kind: 'no_media_back', tone: 'failed' });
  });

  it('warns about the microphone and codecs only once the network is fine', () => {
    expect(
      verdictFor(loopback({ microphone: { state: 'failed', reason: 'mic_denied' } }), ports),
    ).toEqual({ kind: 'microphone_problem', tone: 'warning' });
    expect(
      verdictFor(loopback({ microphone: { state: 'warning', reason: 'mic_silent' } }), ports),
    ).toEqual({ kind: 'microphone_silent', tone: 'warning' });
    expect(
      verdictFor(loopback({ codecs: { state: 'warning', reason: 'codecs_no_vp8' } }), ports),
    ).toEqual({ kind: 'codecs', tone: 'warning' });
    const both = loopback({
      media: ok('media_received', { path: 'tcp' }),
      microphone: { state: 'failed', reason: 'mic_denied' },
    });
    expect(verdictFor(both, ports).kind).toBe('tcp_only');
  });
});
