/**
 * When a LiveKit event happened, to well within a second. LiveKit stamps webhooks with whole
 * seconds only, so the moment we received it refines the stamp when it arrived within that
 * second; a late delivery (a retry, a backlog) gets the middle of its second instead of the
 * time it reached us, and a stamp ahead of our clock (another machine's) is taken as it is.
 */
export function eventTime(createdAt: Date | undefined, receivedAt: Date): Date {
  if (!createdAt) return receivedAt;
  const lag = receivedAt.getTime() - createdAt.getTime();
  if (lag < 0) return createdAt;
  if (lag < 1000) return receivedAt;
  return new Date(createdAt.getTime() + 500);
}
