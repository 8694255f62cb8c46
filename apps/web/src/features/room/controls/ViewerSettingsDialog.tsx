import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../../i18n/LanguageSwitcher.js';
import { useModalDialog } from '../../../lib/use-modal-dialog.js';
import '../dialog.css';

/**
 * Settings for someone who only watches: no device section, since listing devices by name
 * needs a camera and microphone permission that a viewer must never be asked for.
 */
export function ViewerSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog(open);
  const titleId = useId();

  return (
    <dialog ref={dialog} className="room-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('room.settings.title')}</h2>
      <p>{t('room.settings.viewerNote')}</p>
      <LanguageSwitcher />
      <div className="room-dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('room.settings.close')}
        </button>
      </div>
    </dialog>
  );
}
