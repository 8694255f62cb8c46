import { apiClient } from '../../../apps/server/test/support/api.js';

/**
 * The API as a caller of the running app at `baseUrl`, signed in with `token` (none: anonymous):
 * `(method, path, body?)` gives the reply's status and body (see `apiClient` of the server tests).
 */
export function api(baseUrl: string, token?: string) {
  const { call } = apiClient({ baseUrl });
  return <T = unknown>(method: string, path: string, body?: unknown) =>
    call<T>(method, path, { token, body });
}

/** The same caller for the steps that must succeed: the reply's body, or an error saying why. */
export function apiOk(baseUrl: string, token?: string) {
  const send = api(baseUrl, token);
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await send<T>(method, path, body);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
}
