import { DEFAULT_NEXT_PATH, sameOriginPath } from '@stagecast/contracts';

/**
 * Where to go after signing in: `?next=` when it is a path on this site, else the plaza; the
 * same rule as the server's sign-in redirects (`//host`, a backslash, schemes and control
 * characters never pass).
 */
export function nextPath(search: URLSearchParams): string {
  return sameOriginPath(search.get('next')) ?? DEFAULT_NEXT_PATH;
}
