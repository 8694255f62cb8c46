import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { failureNotice } from './notice.js';
import type { Notice } from './notice.js';

const TARGET_PROBLEMS = {
  webhook_target_private: 'private',
  webhook_target_insecure: 'insecure',
  webhook_target_unresolvable: 'unresolvable',
} as const;

/** A webhook action's failure: a refused target in the reader's words, else the usual notice. */
export function webhookFailure(t: TFunction, err: unknown): Notice {
  const reason = err instanceof ApiError ? err.reason : undefined;
  const problem =
    reason && reason in TARGET_PROBLEMS
      ? TARGET_PROBLEMS[reason as keyof typeof TARGET_PROBLEMS]
      : undefined;
  if (problem) return { kind: 'error', text: t(`admin.webhooks.problems.${problem}`) };
  return failureNotice(t, err);
}
