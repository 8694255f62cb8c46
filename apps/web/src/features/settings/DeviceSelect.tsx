import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind } from '../../livekit/index.js';

export interface DeviceSelectProps {
  kind: DeviceKind;
  devices: readonly MediaDeviceInfo[];
  /** The stored choice; shown as the browser default when that device is not plugged in. */
  selectedId: string | undefined;
  onSelect: (kind: DeviceKind, deviceId: string) => void;
}

/** A labelled picker for one kind of device, with the browser's default first. */
export function DeviceSelect({ kind, devices, selectedId, onSelect }: DeviceSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const kindName = t(`settings.devices.${kind}`);
  const value = devices.some((device) => device.deviceId === selectedId) ? selectedId : '';
  return (
    <div className="settings-field">
      <label htmlFor={id}>{kindName}</label>
      <select id={id} value={value} onChange={(event) => onSelect(kind, event.target.value)}>
        <option value="">{t('settings.devices.default')}</option>
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('settings.devices.unnamed', { kind: kindName, number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
