import { useCallback } from 'react';
import {
  parseSelectedDevices,
  type DeviceKind,
  type SelectedDevices,
} from '../core/media-devices.js';
import { usePersistedState } from './usePersistedState.js';

/** Storage key (under the `stagecast.` prefix) of the chosen devices. */
export const SELECTED_DEVICES_KEY = 'devices';

export interface UseSelectedDevicesResult {
  /** Chosen device id per kind; absent means the browser's default. */
  selected: SelectedDevices;
  /** Chooses a device; an empty id goes back to the browser's default. */
  selectDevice: (kind: DeviceKind, deviceId: string) => void;
}

/**
 * The microphone, camera and speaker chosen in this browser, persisted and shared by every
 * instance. Reading it never touches the devices, so it is safe anywhere (viewers included).
 */
export function useSelectedDevices(): UseSelectedDevicesResult {
  const [selected, setSelected] = usePersistedState(SELECTED_DEVICES_KEY, parseSelectedDevices);
  const selectDevice = useCallback(
    (kind: DeviceKind, deviceId: string) =>
      setSelected((current) => {
        const next = { ...current };
        if (deviceId === '') delete next[kind];
        else next[kind] = deviceId;
        return next;
      }),
    [setSelected],
  );
  return { selected, selectDevice };
}
