import { useEffect, useRef } from 'react';
import type { Room } from 'livekit-client';
import { DEVICE_KINDS, type DeviceKind, type SelectedDevices } from '../core/media-devices.js';

/**
 * Keeps the room on the devices chosen in this browser: on mount for stored choices (the
 * speaker above all, which no publish call sets), and whenever a choice changes, through
 * `room.switchActiveDevice`, which moves live tracks to the new device without rejoining.
 *
 * @param onError - called with the kind and the error when a switch fails
 */
export function useApplySelectedDevices(
  room: Room,
  selected: SelectedDevices,
  onError: (kind: DeviceKind, error: unknown) => void,
): void {
  const previous = useRef<SelectedDevices>({});
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });

  useEffect(() => {
    for (const kind of DEVICE_KINDS) {
      const id = selected[kind];
      const before = previous.current[kind];
      if (id === before) continue;
      // Back to the default: not exact, since only Chromium has a device named `default`.
      const switching =
        id === undefined
          ? room.switchActiveDevice(kind, 'default', false)
          : room.switchActiveDevice(kind, id);
      switching.catch((error: unknown) => onErrorRef.current(kind, error));
    }
    previous.current = selected;
  }, [room, selected]);
}
