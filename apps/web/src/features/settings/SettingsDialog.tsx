import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.js';
import { useModalDialog } from '../../lib/use-modal-dialog.js';
import type { MeterSource } from '../../livekit/index.js';
import { AudioSection } from './AudioSection.js';
import { DeviceSection } from './DeviceSection.js';
import { ShortcutsSection } from './ShortcutsSection.js';
import { useDeviceCheck } from './useDeviceCheck.js';
import { VideoSection } from './VideoSection.js';
import './settings.css';

export interface SettingsDialogProps {
  open: boolean;
  /** Called when the dialog closes: its close button, Escape, or the browser. */
  onClose: () => void;
  /**
   * The live microphone to show in the level bar, e.g. `useLiveKitMedia().microphoneTrack` in a
   * room. Without one, the dialog captures a preview while it is open.
   */
  microphoneTrack?: MeterSource;
}

/**
 * Device and media settings in a modal `<dialog>` (focus trapped, Escape closes). Opening it is
 * what asks for camera and microphone permission ("Option C"): until then nobody is prompted.
 * Choices are stored in this browser and reach live tracks at once.
 */
export function SettingsDialog({ open, onClose, microphoneTrack }: SettingsDialogProps) {
  const { t } = useTranslation();
  const dialog = useModalDialog(open);
  const titleId = useId();

  return (
    <dialog ref={dialog} className="settings-dialog" aria-labelledby={titleId} onClose={onClose}>
      <header className="settings-header">
        <h2 id={titleId}>{t('settings.title')}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('settings.close')}
        </button>
      </header>
      {/* Mounted only while open, so devices are asked for on opening and released on closing. */}
      {open && <SettingsContent microphoneTrack={microphoneTrack} />}
    </dialog>
  );
}

function SettingsContent({ microphoneTrack }: { microphoneTrack: MeterSource | undefined }) {
  // The live microphone, when there is one, is what the meter shows: no preview next to it.
  const { media, microphone: preview } = useDeviceCheck(!microphoneTrack);

  return (
    <div className="settings-body">
      <DeviceSection media={media} />
      <AudioSection meterTrack={microphoneTrack ?? preview} />
      <VideoSection />
      <ShortcutsSection />
      <div className="settings-section">
        <LanguageSwitcher />
      </div>
    </div>
  );
}
