import type { DeviceKind } from './media-devices.js';

/** What a media control acted on: a published source or a device switch. */
export type MediaErrorSource = 'microphone' | 'camera' | 'screen_share' | DeviceKind;

/** Why it failed, from the browser's DOMException name, for the UI to explain. */
export type MediaErrorReason =
  'permission_denied' | 'device_not_found' | 'device_in_use' | 'unsupported' | 'failed';

const REASONS: Record<string, MediaErrorReason> = {
  NotAllowedError: 'permission_denied',
  SecurityError: 'permission_denied',
  NotFoundError: 'device_not_found',
  OverconstrainedError: 'device_not_found',
  NotReadableError: 'device_in_use',
  AbortError: 'device_in_use',
  NotSupportedError: 'unsupported',
};

/** A failed media action (publish, restart, device switch), keeping the original as `cause`. */
export class MediaControlError extends Error {
  override readonly name = 'MediaControlError';
  readonly reason: MediaErrorReason;

  constructor(
    readonly source: MediaErrorSource,
    cause: unknown,
  ) {
    super(`Media action on ${source} failed`, { cause });
    // Duck-typed: a DOMException is not an Error subclass in every runtime.
    const name = typeof cause === 'object' && cause !== null && 'name' in cause ? cause.name : '';
    this.reason = (typeof name === 'string' && REASONS[name]) || 'failed';
  }
}
