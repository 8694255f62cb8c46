import { describe, expect, it } from 'vitest';
import { initialCheckLines, type CheckLine, type CheckLines } from '../../livekit/index.js';
import { verdictFor } from './verdict.js';
import type { Verdict } from './verdict.js';

const ok = (reason: CheckLine['reason'], extra: Partial<CheckLine> = {}): CheckLine => ({
  state: 'ok',
  reason,
  ...extra,
});
const failed = (reason: CheckLine['reason'], values?: CheckLine['values']): CheckLine => ({
  state: 'failed',
  reason,
  ...(values ? { values } : {}),
});
const notOffered: CheckLine = { state: 'not_offered', reason: 'turn_not_offered' };
/** A TURN transport whose server did not answer (ICE error 701). */
const turnUnreachable = failed('turn_unreachable', { error: '701' });
const ports = { rtcPorts: { udp: 7882, tcp: 7881 } };
/** An expected verdict whose sentence names things (`values`). */
const withValues = (kind: Verdict['kind'], tone: Verdict['tone'], values: Verdict['values']) => ({
  kind,
  tone,
  values,
});

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
    const limited = loopback({ signal: failed('api_rate_limited') });
    expect(verdictFor(limited, ports)).toEqual({ kind: 'rate_limited', tone: 'failed' });
    const down = loopback({ signal: failed('api_failed') });
    expect(verdictFor(down, ports)).toEqual({ kind: 'api_failed', tone: 'failed' });
  });

  it('names the media server’s address when the signal WebSocket cannot be reached', () => {
    const lines = loopback({
      signal: failed('signal_unreachable', { host: 'lk.example' }),
      media: failed('not_tested'),
    });
    expect(verdictFor(lines, ports)).toEqual(
      withValues('signal_blocked', 'failed', { host: 'lk.example' }),
    );
  });

  it('asks to open the media ports by number when media cannot flow and no TURN helps', () => {
    const lines = loopback({ media: failed('media_unreachable') });
    expect(verdictFor(lines, ports)).toEqual(
      withValues('media_blocked_ports', 'failed', { udp: 7882, tcp: 7881 }),
    );
    expect(verdictFor(lines, { rtcPorts: null })).toEqual({
      kind: 'media_blocked',
      tone: 'failed',
    });
    // The publisher's connection timed out once LiveKit had answered: the line says so.
    const iceFailed = loopback({
      media: failed('media_ice_failed', { seconds: 10 }),
    });
    expect(verdictFor(iceFailed, ports).kind).toBe('media_blocked_ports');
    // TURN over UDP only, and it failed too: TURN over TLS is still the thing to ask for.
    const udpOnly = loopback({
      media: failed('media_ice_failed_turn', { seconds: 10 }),
      turn_udp: turnUnreachable,
    });
    expect(verdictFor(udpOnly, ports).kind).toBe('media_blocked_ports');
  });

  it('does not ask for TURN over TLS when it is offered and failed too, and lists what was tried', () => {
    const turnDown = withTurn({
      media: failed('media_ice_failed_turn', { seconds: 10 }),
      turn_udp: turnUnreachable,
      turn_tls: failed('turn_relay_failed'),
    });
    expect(verdictFor(turnDown, ports)).toEqual(
      withValues('media_and_turn_blocked', 'failed', { transports: 'UDP, TLS' }),
    );
    expect(verdictFor(turnDown, { rtcPorts: null }).kind).toBe('media_and_turn_blocked');
  });

  it('points at the TURN transport that works when the direct media path does not', () => {
    const lines = withTurn({ media: failed('media_unreachable') });
    expect(verdictFor(lines, ports)).toEqual(
      withValues('media_blocked_turn_ok', 'warning', { transport: 'TLS' }),
    );
  });

  it('tells UDP is blocked when the call’s media went through TURN over TLS or TCP', () => {
    const tls = withTurn({
      media: ok('media_received', { path: 'turn_tls' }),
      turn_udp: turnUnreachable,
    });
    expect(verdictFor(tls, ports)).toEqual(
      withValues('udp_blocked_turn', 'warning', { transport: 'TLS' }),
    );
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
      turn_tcp: turnUnreachable,
      turn_tls: failed('turn_relay_failed'),
    });
    expect(verdictFor(lines, ports)).toEqual(
      withValues('turn_partial', 'warning', { transports: 'TCP, TLS' }),
    );
  });

  it('puts a camera problem before network advice, since nothing could be sent', () => {
    const lines = loopback({ media: failed('camera_denied') });
    expect(verdictFor(lines, ports)).toEqual({ kind: 'camera_problem', tone: 'failed' });
  });

  it('says the video did not come back when the server took it but sent nothing', () => {
    const lines = loopback({ media: failed('media_no_frames') });
    expect(verdictFor(lines, ports)).toEqual({ kind: 'no_media_back', tone: 'failed' });
  });

  it('warns about the microphone and codecs only once the network is fine', () => {
    expect(verdictFor(loopback({ microphone: failed('mic_denied') }), ports)).toEqual({
      kind: 'microphone_problem',
      tone: 'warning',
    });
    expect(
      verdictFor(loopback({ microphone: { state: 'warning', reason: 'mic_silent' } }), ports),
    ).toEqual({ kind: 'microphone_silent', tone: 'warning' });
    expect(
      verdictFor(loopback({ codecs: { state: 'warning', reason: 'codecs_no_vp8' } }), ports),
    ).toEqual({ kind: 'codecs', tone: 'warning' });
    const both = loopback({
      media: ok('media_received', { path: 'tcp' }),
      microphone: failed('mic_denied'),
    });
    expect(verdictFor(both, ports).kind).toBe('tcp_only');
  });
});
