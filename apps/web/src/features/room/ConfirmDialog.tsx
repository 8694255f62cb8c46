import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../lib/use-modal-dialog.js';
import './dialog.css';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  /** Called on cancel, Escape, or after confirming. */
  onClose: () => void;
}

/** A modal yes/no question for actions that cannot be undone (kick, end the session). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialog = useModalDialog(open);
  const titleId = useId();
  const bodyId = useId();

  return (
    <dialog
      ref={dialog}
      className="room-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
    >
      {/* Only while open, so the page holds one confirm button at a time. */}
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <p id={bodyId}>{body}</p>
          <div className="room-dialog-actions">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              data-testid="confirm-cancel"
            >
              {t('room.confirm.cancel')}
            </button>
            <button
              type="button"
              className="danger"
              data-testid="confirm-ok"
              onClick={() => {
                onConfirm();
                dialog.current?.close();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
