import type { CheckLines, TurnTransport } from '../../livekit/index.js';
import { networkLinesSettled, TURN_TRANSPORTS } from '../../livekit/index.js';

/** How the one-line verdict reads: still checking, fine, works with a caveat, or broken. */
export type VerdictTone = 'running' | 'ok' | 'warning' | 'failed';

/** Every verdict the page can give, each a sentence in every language (`shell.check.verdicts`). */
export type VerdictKind =
  | 'checking'
  | 'rate_limited'
  | 'api_failed'
  | 'signal_blocked'
  | 'media_blocked'
  | 'media_blocked_ports'
  | 'media_blocked_turn_ok'
  | 'no_media_back'
  | 'camera_problem'
  | 'udp_blocked_turn'
  | 'relay_needed'
  | 'tcp_only'
  | 'turn_partial'
  | 'microphone_problem'
  | 'microphone_silent'
  | 'codecs'
  | 'all_good_no_turn'
  | 'all_good';

export interface Verdict {
  kind: VerdictKind;
  tone: VerdictTone;
  values?: Record<string, string | number>;
}

/** What the verdict needs besides the lines: the API's knowledge of LiveKit's media ports. */
export interface VerdictContext {
  rtcPorts: { udp: number; tcp: number } | null;
}

const LABEL: Record<TurnTransport, string> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };
const line = (t: TurnTransport) => `turn_${t}` as const;

/**
 * The one thing to tell the person after the check, from its lines: the first problem that
 * stops calls (the API, the signal connection, the media path), then how calls will flow when
 * they do, then what only degrades them (a TURN transport, the microphone, codecs).
 */
export function verdictFor(lines: CheckLines, context: VerdictContext): Verdict {
  if (!networkLinesSettled(lines)) return { kind: 'checking', tone: 'running' };

  const signal = lines.signal;
  if (signal.state === 'failed') {
    if (signal.reason === 'api_rate_limited') return { kind: 'rate_limited', tone: 'failed' };
    if (signal.reason === 'api_failed') return { kind: 'api_failed', tone: 'failed' };
    return { kind: 'signal_blocked', tone: 'failed', values: { host: signal.values?.host ?? '' } };
  }

  const turnOk = TURN_TRANSPORTS.filter((t) => lines[line(t)].state === 'ok');
  const turnFailed = TURN_TRANSPORTS.filter((t) => lines[line(t)].state === 'failed');
  const turnOffered = TURN_TRANSPORTS.filter((t) => lines[line(t)].state !== 'not_offered');

  const media = lines.media;
  if (media.state === 'failed') {
    if (media.reason.startsWith('camera_')) return { kind: 'camera_problem', tone: 'failed' };
    if (media.reason === 'media_no_frames') return { kind: 'no_media_back', tone: 'failed' };
    if (turnOk.length > 0) {
      // The safest transport that works: TLS passes the strictest firewalls.
      const best = [...turnOk].reverse()[0]!;
      return { kind: 'media_blocked_turn_ok', tone: 'warning', values: { transport: LABEL[best] } };
    }
    return context.rtcPorts
      ? { kind: 'media_blocked_ports', tone: 'failed', values: { ...context.rtcPorts } }
      : { kind: 'media_blocked', tone: 'failed' };
  }

  const path = media.path;
  if (path === 'turn_tls' || path === 'turn_tcp') {
    const transport = LABEL[path === 'turn_tls' ? 'tls' : 'tcp'];
    return { kind: 'udp_blocked_turn', tone: 'warning', values: { transport } };
  }
  if (path === 'turn_udp') return { kind: 'relay_needed', tone: 'warning' };
  if (path === 'tcp') return { kind: 'tcp_only', tone: 'warning' };
  if (turnFailed.length > 0) {
    return {
      kind: 'turn_partial',
      tone: 'warning',
      values: { transports: turnFailed.map((t) => LABEL[t]).join(', ') },
    };
  }
  if (lines.microphone.state === 'failed') return { kind: 'microphone_problem', tone: 'warning' };
  if (lines.microphone.state === 'warning') return { kind: 'microphone_silent', tone: 'warning' };
  if (lines.codecs.state === 'failed' || lines.codecs.state === 'warning') {
    return { kind: 'codecs', tone: 'warning' };
  }
  if (turnOffered.length === 0) return { kind: 'all_good_no_turn', tone: 'ok' };
  return { kind: 'all_good', tone: 'ok' };
}
