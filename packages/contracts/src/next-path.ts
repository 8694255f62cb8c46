/** Where a sign-in goes when `next` is missing or not a path on this site. */
export const DEFAULT_NEXT_PATH = '/live';

const BASE = 'http://next.invalid';

/**
 * `next` as a path on this site (`/live/…?invite=…`), or `undefined` when it could lead
 * elsewhere. Browsers read `//host`, `/\host` and `\\host` as another host, and drop tabs and
 * newlines before they parse (`/\t/host` is `//host`), so a backslash or any control character
 * refuses the value outright; what is left must resolve on our own origin. The server's sign-in
 * redirects and the web app's `?next=` both go through here.
 */
export function sameOriginPath(next: string | null | undefined): string | undefined {
  if (!next || next.length > 2048 || !next.startsWith('/') || next.startsWith('//')) {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
