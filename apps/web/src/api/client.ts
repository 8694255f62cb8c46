import type { ErrorBody, ErrorCode, ErrorReason } from '@stagecast/contracts';

/** An API error: the UI branches on `code` and `reason`, never on the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls the API on this origin. The session rides in the HttpOnly cookie set at sign-in, so no
 * token is ever readable by page scripts.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? res.statusText,
      error?.details,
      error?.reason,
    );
  }
  return data as T;
}
