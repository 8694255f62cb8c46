import type { ErrorCode, ErrorReason } from '@stagecast/contracts';

/** The HTTP status of every error code (SPEC §6). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DEPENDENCY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * An error meant for the client: its code, reason, message and details are sent as they are.
 * The code picks the HTTP status; the reason (`banned`, `full`, …) says which rule refused.
 */
export class AppError extends Error {
  readonly status: number;
  readonly reason: ErrorReason | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; reason?: ErrorReason },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.reason = options?.reason;
  }
}

/**
 * 409: the thing asked about is in a state that refuses this (an ended session, a closed poll, a
 * recording still being made). `details.status` always names that state, so a client can say why.
 */
export function wrongState(reason: ErrorReason, message: string, status: string): AppError {
  return new AppError('CONFLICT', message, { status }, { reason });
}
