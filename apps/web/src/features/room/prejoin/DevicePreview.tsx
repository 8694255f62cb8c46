import { useTranslation } from 'react-i18next';
import { useVideoSettings, VIDEO_PRESETS, VolumeMeter } from '../../../livekit/index.js';
import { DeviceSelect } from '../../settings/DeviceSelect.js';
import { useDeviceCheck } from '../../settings/useDeviceCheck.js';
import type { MediaIntent } from '../media-intent.js';
import { PreviewVideo } from './PreviewVideo.js';
import { useCameraPreview } from './useCameraPreview.js';
import { DeviceToggle } from '../controls/DeviceToggle.js';

export interface DevicePreviewProps {
  choices: MediaIntent;
  onChange: (choices: MediaIntent) => void;
}

/**
 * Camera and microphone check before joining, for those who will publish only: asks for the
 * permission on mount, previews the chosen camera, shows the microphone's level, and lets the
 * person pick devices and start with either off.
 */
export function DevicePreview({ choices, onChange }: DevicePreviewProps) {
  const { t } = useTranslation();
  const { media, microphone } = useDeviceCheck(choices.microphone);
  const { preset } = useVideoSettings();
  const camera = useCameraPreview({
    enabled: choices.camera && media.permission === 'granted',
    deviceId: media.selected.videoinput,
    ...VIDEO_PRESETS[preset],
  });

  return (
    <fieldset className="prejoin-devices">
      <legend>{t('room.prejoin.devices')}</legend>
      <p className="room-muted" role={media.permission === 'denied' ? 'alert' : 'status'}>
        {t(`settings.permission.${media.permission}`)}
      </p>
      <div className="prejoin-preview">
        {camera ? (
          <PreviewVideo track={camera} label={t('room.prejoin.preview')} />
        ) : (
          <p className="prejoin-preview-off">{t('room.prejoin.cameraOff')}</p>
        )}
      </div>
      <div className="prejoin-toggles">
        {(['camera', 'microphone'] as const).map((kind) => (
          <DeviceToggle
            key={kind}
            kind={kind}
            testId={`prejoin-${kind}`}
            pressed={choices[kind]}
            onClick={() => onChange({ ...choices, [kind]: !choices[kind] })}
          />
        ))}
      </div>
      <VolumeMeter track={microphone} label={t('settings.audio.meter')} />
      <DeviceSelect
        kind="audioinput"
        devices={media.devices.audioinput}
        selectedId={media.selected.audioinput}
        onSelect={media.selectDevice}
      />
      <DeviceSelect
        kind="videoinput"
        devices={media.devices.videoinput}
        selectedId={media.selected.videoinput}
        onSelect={media.selectDevice}
      />
    </fieldset>
  );
}
