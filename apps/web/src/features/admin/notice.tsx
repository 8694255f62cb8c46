import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';

/** What the last action on a panel came to, shown above its list. */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

/** An action's failure in the reader's language: by the API's typed reason where it has one. */
export function failureNotice(t: TFunction, err: unknown): Notice {
  const reason = err instanceof ApiError ? err.reason : undefined;
  const text =
    reason === 'cannot_act_on_self'
      ? t('admin.users.selfHint')
      : reason === 'recording_in_progress'
        ? t('admin.recordings.busyHint')
        : t('admin.failed', { message: err instanceof Error ? err.message : String(err) });
  return { kind: 'error', text };
}

/** The notice line: a status for success, an alert for failure. */
export function NoticeLine({ notice }: { notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <p
      className={`admin-notice admin-notice--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="admin-notice"
    >
      {notice.text}
    </p>
  );
}
