/** The device kinds the app lets people choose. */
export const DEVICE_KINDS = ['audioinput', 'videoinput', 'audiooutput'] as const;

export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type DevicesByKind = Record<DeviceKind, MediaDeviceInfo[]>;

/** Selected device id per kind; absent means the browser's default device. */
export type SelectedDevices = Partial<Record<DeviceKind, string>>;

/**
 * Where the browser's media permission stands, as far as this page knows:
 * `unknown` until asked (device labels are hidden), `pending` while the prompt is open,
 * `granted`, `denied` by the person or the browser, or `unavailable` (no device, or no
 * mediaDevices API, e.g. on plain http).
 */
export type PermissionState = 'unknown' | 'pending' | 'granted' | 'denied' | 'unavailable';

export function emptyDevices(): DevicesByKind {
  return { audioinput: [], videoinput: [], audiooutput: [] };
}

/**
 * Groups enumerated devices by kind. Entries without an id are dropped: before permission some
 * browsers list one placeholder per kind with an empty id, which cannot be selected.
 */
export function groupDevices(devices: readonly MediaDeviceInfo[]): DevicesByKind {
  const grouped = emptyDevices();
  for (const device of devices) {
    if (device.deviceId === '') continue;
    if ((DEVICE_KINDS as readonly string[]).includes(device.kind))
      grouped[device.kind].push(device);
  }
  return grouped;
}

/** Browsers reveal device labels only after a media permission was granted to this origin. */
export function hasLabels(devices: readonly MediaDeviceInfo[]): boolean {
  return devices.some((device) => device.label !== '');
}

/** Reads stored selections, ignoring anything that is not a non-empty string. */
export function parseSelectedDevices(value: unknown): SelectedDevices {
  const stored =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const selected: SelectedDevices = {};
  for (const kind of DEVICE_KINDS) {
    const id = stored[kind];
    if (typeof id === 'string' && id !== '') selected[kind] = id;
  }
  return selected;
}

/** What to ask permission for. */
export interface PermissionRequest {
  audio: boolean;
  video: boolean;
}

/**
 * Asks the browser for media permission with one getUserMedia call and releases the devices
 * at once: the app only needs the permission (and with it the device labels), not the stream.
 *
 * A missing camera or microphone should not cost the other one its permission, so when the
 * combined request fails for lack of a device, each kind is asked on its own.
 */
export async function requestMediaPermission(
  mediaDevices: MediaDevices,
  request: PermissionRequest,
): Promise<PermissionState> {
  try {
    stopStream(await mediaDevices.getUserMedia(request));
    return 'granted';
  } catch (error) {
    if (!isMissingDevice(error) || !(request.audio && request.video)) return classify(error);
  }
  // One kind after the other, so a browser never shows two prompts at once.
  const results: PermissionState[] = [];
  for (const kind of ['audio', 'video'] as const) {
    try {
      stopStream(await mediaDevices.getUserMedia({ [kind]: true }));
      results.push('granted');
    } catch (error) {
      results.push(classify(error));
    }
  }
  if (results.includes('granted')) return 'granted';
  return results.includes('denied') ? 'denied' : 'unavailable';
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

function isMissingDevice(error: unknown): boolean {
  return ['NotFoundError', 'OverconstrainedError', 'NotReadableError'].includes(errorName(error));
}

function classify(error: unknown): PermissionState {
  return isMissingDevice(error) ? 'unavailable' : 'denied';
}
