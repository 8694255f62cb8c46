/**
 * An audit entry's details in one short line: a change as `from → to`, anything else as
 * `key: value` pairs (the values are the server's own: roles, sources, sizes, ids).
 */
export function describeDetails(details: Record<string, unknown>): string {
  type Plain = string | number | boolean | null;
  const plain = (value: unknown): value is Plain =>
    value === null || ['string', 'number', 'boolean'].includes(typeof value);
  const shown = (value: Plain) => (value === null ? '–' : String(value));
  if ('from' in details && 'to' in details && plain(details.from) && plain(details.to)) {
    return `${shown(details.from)} → ${shown(details.to)}`;
  }
  return Object.entries(details)
    .flatMap(([key, value]) => (plain(value) ? [`${key}: ${shown(value)}`] : []))
    .join(' · ');
}
