import { useCallback, useEffect, useRef, useState } from 'react';
import {
  emptyDevices,
  groupDevices,
  hasLabels,
  requestMediaPermission,
  type DevicesByKind,
  type PermissionRequest,
  type PermissionState,
} from '../core/media-devices.js';
import { useSelectedDevices, type UseSelectedDevicesResult } from './useSelectedDevices.js';

export interface UseMediaDevicesResult extends UseSelectedDevicesResult {
  /** Microphones, cameras and speakers; labels stay empty until permission is granted. */
  devices: DevicesByKind;
  permission: PermissionState;
  /**
   * Asks for camera and microphone permission (one getUserMedia call whose tracks are stopped
   * at once), then lists the devices again with their labels. Skips the prompt when the labels
   * already show that permission was granted. Call it from a user action, such as opening the
   * settings.
   */
  requestPermission: (request?: Partial<PermissionRequest>) => Promise<PermissionState>;
  /** Lists the devices again. */
  refresh: () => Promise<void>;
}

function mediaDevicesApi(): MediaDevices | undefined {
  // Undefined outside secure contexts (plain http on another host than localhost).
  return globalThis.navigator?.mediaDevices;
}

/**
 * Media devices with "Option C" deferred permission: mounting only enumerates devices, it never
 * calls getUserMedia, so nobody is prompted (or sees a camera light) until they open the
 * settings; this also keeps iOS Safari, which prompts on every getUserMedia, quiet. Follows
 * `devicechange` so plugged and unplugged devices show up. Selections persist per browser.
 */
export function useMediaDevices(): UseMediaDevicesResult {
  const { selected, selectDevice } = useSelectedDevices();
  const [devices, setDevices] = useState<DevicesByKind>(emptyDevices);
  const [permission, setPermission] = useState<PermissionState>(() =>
    mediaDevicesApi() ? 'unknown' : 'unavailable',
  );
  const mounted = useRef(true);
  const inFlight = useRef<Promise<PermissionState> | undefined>(undefined);

  const refresh = useCallback(async () => {
    const api = mediaDevicesApi();
    if (!api) return;
    const listed = await api.enumerateDevices();
    if (!mounted.current) return;
    setDevices(groupDevices(listed));
    // Labels only show once this origin holds a permission, so they tell us without asking.
    if (hasLabels(listed)) setPermission((current) => (current === 'denied' ? current : 'granted'));
  }, []);

  useEffect(() => {
    mounted.current = true;
    const api = mediaDevicesApi();
    if (!api) return;
    const onChange = () => void refresh().catch(() => undefined);
    onChange();
    api.addEventListener('devicechange', onChange);
    return () => {
      mounted.current = false;
      api.removeEventListener('devicechange', onChange);
    };
  }, [refresh]);

  const requestPermission = useCallback(
    (request: Partial<PermissionRequest> = {}): Promise<PermissionState> => {
      const api = mediaDevicesApi();
      if (!api) return Promise.resolve('unavailable');
      // Opening the settings twice quickly must not stack two prompts.
      inFlight.current ??= (async () => {
        const wanted = { audio: request.audio ?? true, video: request.video ?? true };
        const grouped = groupDevices(await api.enumerateDevices());
        const labelled = (list: MediaDeviceInfo[]) => list.length > 0 && hasLabels(list);
        const needsPrompt =
          (wanted.audio && !labelled(grouped.audioinput)) ||
          (wanted.video && !labelled(grouped.videoinput));
        let result: PermissionState = 'granted';
        if (needsPrompt) {
          if (mounted.current) setPermission('pending');
          result = await requestMediaPermission(api, wanted);
        }
        if (mounted.current) setPermission(result);
        await refresh();
        return result;
      })().finally(() => {
        inFlight.current = undefined;
      });
      return inFlight.current;
    },
    [refresh],
  );

  return { devices, permission, selected, selectDevice, requestPermission, refresh };
}
