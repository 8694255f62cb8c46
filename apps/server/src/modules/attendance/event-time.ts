/**
 * When a LiveKit event happened, to well within a second. LiveKit stamps webhooks with whole
 * seconds only, so the moment we received it refines the stamp when it arrived within that
 * second; a late delivery (a retry, a backlog) gets the middle of what is left of its second
 * instead of the time it reached us, and a stamp ahead of our clock (another machine's) is taken
 * as it is.
 *
 * `notBefore` is a moment the event cannot precede: a leave's own join, which LiveKit gives to
 * the millisecond. A connection that joined late in a second and left within it, reported late,
 * would otherwise be given a leave before its join (and count for nothing in the peak).
 */
export function eventTime(createdAt: Date | undefined, receivedAt: Date, notBefore?: Date): Date {
  if (!createdAt) return receivedAt;
  const lag = receivedAt.getTime() - createdAt.getTime();
  if (lag < 0) return createdAt;
  if (lag < 1000) return receivedAt;
  const from = Math.max(createdAt.getTime(), notBefore?.getTime() ?? 0);
  const to = createdAt.getTime() + 1000;
  return new Date(from < to ? (from + to) / 2 : from);
}
