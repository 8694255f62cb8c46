import { useTranslation } from 'react-i18next';
import { SelectField } from '../../lib/Form.js';
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
  const kindName = t(`settings.devices.${kind}`);
  const value = devices.some((device) => device.deviceId === selectedId) ? selectedId : '';
  return (
    <SelectField
      className="settings-field"
      label={kindName}
      value={value ?? ''}
      options={[
        { value: '', label: t('settings.devices.default') },
        ...devices.map((device, index) => ({
          value: device.deviceId,
          label:
            device.label || t('settings.devices.unnamed', { kind: kindName, number: index + 1 }),
        })),
      ]}
      onChange={(deviceId) => onSelect(kind, deviceId)}
    />
  );
}
