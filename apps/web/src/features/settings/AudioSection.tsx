import { useTranslation } from 'react-i18next';
import {
  AUDIO_SETTING_NAMES,
  useAudioSettings,
  VolumeMeter,
  type MeterSource,
} from '../../livekit/index.js';

/** The microphone processing switches and a live level bar to check the microphone. */
export function AudioSection({ meterTrack }: { meterTrack: MeterSource | undefined }) {
  const { t } = useTranslation();
  const { settings, setSetting } = useAudioSettings();
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.audio.heading')}</legend>
      {AUDIO_SETTING_NAMES.map((name) => (
        <label key={name} className="settings-toggle">
          <input
            type="checkbox"
            checked={settings[name]}
            onChange={(event) => setSetting(name, event.target.checked)}
          />
          {t(`settings.audio.${name}`)}
        </label>
      ))}
      <VolumeMeter track={meterTrack} label={t('settings.audio.meter')} />
      <p className="settings-note">{t('settings.audio.meterHint')}</p>
    </fieldset>
  );
}
