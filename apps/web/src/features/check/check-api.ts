import { apiRoutes, type CheckTokenResponse } from '@stagecast/contracts';
import { ApiError, request } from '../../api/client.js';

export type CheckTokenResult =
  | { ok: true; check: CheckTokenResponse }
  | { ok: false; reason: 'api_rate_limited' | 'api_failed' };

/** A check room and its two tokens from the API, or why not (by status, never the message). */
export async function fetchCheckToken(): Promise<CheckTokenResult> {
  try {
    return { ok: true, check: await request(apiRoutes.checkToken) };
  } catch (error) {
    const limited = error instanceof ApiError && error.status === 429;
    return { ok: false, reason: limited ? 'api_rate_limited' : 'api_failed' };
  }
}
