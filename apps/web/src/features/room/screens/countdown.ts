/** Time left until a start time, split for display: whole days, then an `h:mm:ss` clock. */
export interface Countdown {
  /** True once the start time has passed (the session may go live any moment). */
  due: boolean;
  days: number;
  hours: number;
  /** `mm:ss`, or `h:mm:ss` when an hour or more is left (within the day). */
  clock: string;
}

export function countdown(startsAt: number, now: number): Countdown {
  const total = Math.max(0, Math.floor((startsAt - now) / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock =
    hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return { due: total === 0, days, hours, clock };
}
