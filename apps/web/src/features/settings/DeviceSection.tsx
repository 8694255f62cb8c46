import { useTranslation } from 'react-i18next';
import type { UseMediaDevicesResult } from '../../livekit/index.js';
import { DeviceSelect } from './DeviceSelect.js';

// Browsers without setSinkId (Safari, Firefox by default) play through the system's output.
const canChooseSpeaker =
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** Microphone, camera and speaker pickers, with where the media permission stands. */
export function DeviceSection({ media }: { media: UseMediaDevicesResult }) {
  const { t } = useTranslation();
  const { devices, selected, selectDevice, permission } = media;
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.devices.heading')}</legend>
      <p className="settings-note" role={permission === 'denied' ? 'alert' : 'status'}>
        {t(`settings.permission.${permission}`)}
      </p>
      <DeviceSelect
        kind="audioinput"
        devices={devices.audioinput}
        selectedId={selected.audioinput}
        onSelect={selectDevice}
      />
      <DeviceSelect
        kind="videoinput"
        devices={devices.videoinput}
        selectedId={selected.videoinput}
        onSelect={selectDevice}
      />
      {canChooseSpeaker && devices.audiooutput.length > 0 && (
        <DeviceSelect
          kind="audiooutput"
          devices={devices.audiooutput}
          selectedId={selected.audiooutput}
          onSelect={selectDevice}
        />
      )}
    </fieldset>
  );
}
