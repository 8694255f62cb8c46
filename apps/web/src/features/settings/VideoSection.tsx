import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isVideoPreset, useVideoSettings, VIDEO_PRESET_NAMES } from '../../livekit/index.js';

/** The camera quality picker (480p, 720p, 1080p). */
export function VideoSection() {
  const { t } = useTranslation();
  const { preset, setPreset } = useVideoSettings();
  const id = useId();
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.video.heading')}</legend>
      <div className="settings-field">
        <label htmlFor={id}>{t('settings.video.quality')}</label>
        <select
          id={id}
          value={preset}
          onChange={(event) => {
            if (isVideoPreset(event.target.value)) setPreset(event.target.value);
          }}
        >
          {VIDEO_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {t(`settings.video.presets.${name}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
