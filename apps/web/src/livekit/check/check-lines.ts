import type { MediaPath } from './media-path.js';

/** The lines of the connection check page, in the order they are shown. */
export const CHECK_LINE_IDS = [
  'signal',
  'media',
  'turn_udp',
  'turn_tcp',
  'turn_tls',
  'microphone',
  'codecs',
] as const;
export type CheckLineId = (typeof CHECK_LINE_IDS)[number];

/** Where a line stands; `not_offered` is a TURN transport this server does not offer. */
export type CheckLineState = 'pending' | 'running' | 'ok' | 'warning' | 'failed' | 'not_offered';

/**
 * Why a line stands where it does, one code per explanation the page shows (each is a string
 * in every language, `shell.check.reasons.<code>`).
 */
export type CheckReason =
  // before anything runs, and lines an earlier failure left untested
  | 'waiting'
  | 'not_tested'
  // the API's token
  | 'api_rate_limited'
  | 'api_failed'
  // signal
  | 'signal_checking'
  | 'signal_ok'
  | 'signal_insecure'
  | 'signal_unreachable'
  // publish and receive back
  | 'media_publishing'
  | 'media_receiving'
  | 'media_received'
  | 'media_unreachable'
  | 'media_no_frames'
  | 'camera_denied'
  | 'camera_missing'
  | 'camera_busy'
  | 'camera_failed'
  // TURN, per transport
  | 'turn_checking'
  | 'turn_not_offered'
  | 'turn_relayed'
  | 'turn_relayed_video'
  | 'turn_unreachable'
  | 'turn_relay_failed'
  // microphone
  | 'mic_starting'
  | 'mic_listening'
  | 'mic_heard'
  | 'mic_silent'
  | 'mic_denied'
  | 'mic_missing'
  | 'mic_busy'
  | 'mic_failed'
  // codecs
  | 'codecs_ok'
  | 'codecs_no_vp8'
  | 'codecs_missing'
  | 'codecs_unsupported';

/** One line: its state, its explanation, and the values the explanation names. */
export interface CheckLine {
  state: CheckLineState;
  reason: CheckReason;
  /** e.g. `{version}`, `{frames, width, height}`, `{ms}`, `{error}`, `{list}`. */
  values?: Record<string, string | number>;
  /** How the media went (the publish line, once received). */
  path?: MediaPath;
}

export type CheckLines = Record<CheckLineId, CheckLine>;

/** Every line before the check starts. */
export function initialCheckLines(): CheckLines {
  const waiting: CheckLine = { state: 'pending', reason: 'waiting' };
  return Object.fromEntries(CHECK_LINE_IDS.map((id) => [id, waiting])) as CheckLines;
}

/** True once no line is pending or running any more (the microphone may still listen). */
export function networkLinesSettled(lines: CheckLines): boolean {
  return (['signal', 'media', 'turn_udp', 'turn_tcp', 'turn_tls'] as const).every(
    (id) => lines[id].state !== 'pending' && lines[id].state !== 'running',
  );
}
