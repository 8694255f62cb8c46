import { ApiError } from '../api/client.js';

/** What a page that reads one API resource says when it cannot: by the answer's status. */
export function pageErrorKind(err: unknown): 'forbidden' | 'notFound' | 'signIn' {
  const status = err instanceof ApiError ? err.status : 0;
  return status === 401 ? 'signIn' : status === 404 ? 'notFound' : 'forbidden';
}
