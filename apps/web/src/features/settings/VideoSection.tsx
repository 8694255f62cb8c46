import { useTranslation } from 'react-i18next';
import { SelectField } from '../../lib/Form.js';
import { isVideoPreset, useVideoSettings, VIDEO_PRESET_NAMES } from '../../livekit/index.js';

/** The camera quality picker (480p, 720p, 1080p). */
export function VideoSection() {
  const { t } = useTranslation();
  const { preset, setPreset } = useVideoSettings();
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.video.heading')}</legend>
      <SelectField
        className="settings-field"
        label={t('settings.video.quality')}
        value={preset}
        options={VIDEO_PRESET_NAMES.map((name) => ({
          value: name,
          label: t(`settings.video.presets.${name}`),
        }))}
        onChange={(value) => {
          if (isVideoPreset(value)) setPreset(value);
        }}
      />
    </fieldset>
  );
}
