/** Where to go after signing in: `?next=` when it is a path on this site, else the plaza. */
export function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/live';
}
