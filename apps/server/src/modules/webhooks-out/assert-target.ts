import { AppError } from '../../errors.js';
import { checkTarget, TargetRefused } from './target-address.js';
import type { TargetRules } from './target-address.js';

/** Refuses an endpoint URL the target rules do not allow: 400 naming `body.url`. */
export async function assertTarget(url: string, rules: TargetRules): Promise<void> {
  try {
    await checkTarget(new URL(url), rules);
  } catch (err) {
    if (!(err instanceof TargetRefused)) throw err;
    const message = `body.url: ${err.message}`;
    throw new AppError(
      'VALIDATION_FAILED',
      message,
      [{ field: 'body.url', message: err.message }],
      {
        reason: err.reason,
      },
    );
  }
}
