import { EMBED_REQUEST_HEADER } from '@stagecast/contracts';
import { isEmbedDocument } from './embed-document.js';
import type {
  ApiRoute,
  ErrorBody,
  ErrorCode,
  ErrorReason,
  RouteRequest,
  RouteResponse,
} from '@stagecast/contracts';

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

/** A value of a path parameter or of the query string. */
export type UrlValue = string | number | boolean | null | undefined;

/**
 * The URL of a call: the route's `:name` segments filled from `params` (encoded), then the
 * defined `query` values in their given order. A missing parameter is a bug, so it throws.
 */
export function buildUrl(
  path: string,
  params?: Readonly<Record<string, UrlValue>>,
  query?: Readonly<Record<string, UrlValue>>,
): string {
  const filled = path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${path}: the path parameter ${name} is missing`);
    }
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** The `ApiError` for a failed answer, from the API's error body when there is one. */
export function toApiError(res: { status: number; statusText: string }, data: unknown): ApiError {
  const error = (data as Partial<ErrorBody> | undefined)?.error;
  return new ApiError(
    res.status,
    error?.code ?? 'INTERNAL',
    error?.message ?? res.statusText,
    error?.details,
    error?.reason,
  );
}

function parseErrorBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page, say: the status still tells what happened.
    return undefined;
  }
}

/** The arguments after the route: optional when the route needs none. */
export type RequestArgs<R extends ApiRoute> =
  object extends RouteRequest<R> ? [input?: RouteRequest<R>] : [input: RouteRequest<R>];

/**
 * Calls one route of the API on this origin, typed by the shared route table: the params, query
 * and body it takes and the answer it gives are the server's own schemas. The session rides in
 * the HttpOnly cookie set at sign-in, so no token is ever readable by page scripts (the embedded
 * room's own cookie in the embedded room: `embed-document.ts`).
 */
export async function request<R extends ApiRoute>(
  route: R,
  ...[input]: RequestArgs<R>
): Promise<RouteResponse<R>> {
  const { params, query, body } = (input ?? {}) as {
    params?: Record<string, UrlValue>;
    query?: Record<string, UrlValue>;
    body?: unknown;
  };
  let res: Response;
  try {
    res = await fetch(buildUrl(route.path, params, query), {
      method: route.method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(isEmbedDocument() ? { [EMBED_REQUEST_HEADER]: '1' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (res.status === 204) return null as RouteResponse<R>;
  const text = await res.text();
  if (!res.ok) throw toApiError(res, parseErrorBody(text));
  return (text ? JSON.parse(text) : undefined) as RouteResponse<R>;
}
