/** `1:02:03` or `12:34`: a running clock for time on air and countdowns. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

const unit = (language: string, name: 'day' | 'hour', n: number) =>
  new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(n);

/**
 * A countdown: a clock under a day, else days and hours in the reader's language (`2d 3h`,
 * `2天 3小时`, `2일 3시간`).
 */
export function formatCountdown(ms: number, language = 'en'): string {
  if (ms < 86_400_000) return formatClock(ms);
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  return `${unit(language, 'day', days)} ${unit(language, 'hour', hours)}`;
}

/**
 * A start time in the reader's language and time zone (the browser's unless `timeZone` is
 * given), with the zone named, since a shared link reaches people in other zones:
 * `Sun, Mar 10, 9:00 AM GMT+9`; the year too when it is not this one.
 */
export function formatStartTime(at: number | Date, language: string, timeZone?: string): string {
  const otherYear = new Date(at).getFullYear() !== new Date().getFullYear();
  return new Intl.DateTimeFormat(language, {
    ...(otherYear ? { year: 'numeric' } : {}),
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}
