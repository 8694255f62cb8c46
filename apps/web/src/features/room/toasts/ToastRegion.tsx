import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Toast } from './useToasts.js';
import './toasts.css';

/**
 * The room's notices, bottom right: a polite live region (always in the page, so screen
 * readers announce what is added), each notice with a dismiss button.
 */
export function ToastRegion({
  toasts,
  onDismiss,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="region" aria-label={t('room.toasts.label')}>
      {/* The live region around the list, not on it: a list keeps its list role (axe). */}
      <div role="status" aria-live="polite">
        <ul className="toast-list">
          {toasts.map((toast) => (
            <li key={toast.id} className="toast" data-testid="toast">
              <span>{toast.text}</span>
              <button
                type="button"
                className="toast-dismiss"
                aria-label={t('room.toasts.dismiss')}
                onClick={() => onDismiss(toast.id)}
              >
                <X aria-hidden="true" size={16} />
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
