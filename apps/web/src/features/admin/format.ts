/**
 * Figures of the admin page in the reader's language, with Intl's own unit names (`12 MB`,
 * `12 MB`, `12MB` …): decimal units, as disks and network links are sold.
 */

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];
const BIT_RATE_UNITS = [
  'bit-per-second',
  'kilobit-per-second',
  'megabit-per-second',
  'gigabit-per-second',
  'terabit-per-second',
];

/** `value` in the largest unit of `units` (steps of 1000) that keeps it at 1 or more. */
function scaled(value: number, units: string[], language: string): string {
  let index = 0;
  let amount = Math.max(0, value);
  while (amount >= 1000 && index < units.length - 1) {
    amount /= 1000;
    index += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: amount < 100 && index > 0 ? 1 : 0,
  }).format(amount);
}

/** A size: `4.1 MB`. */
export function formatBytes(bytes: number, language: string): string {
  return scaled(bytes, BYTE_UNITS, language);
}

/** A network rate given in bytes per second, written in bits per second: `12 Mb/s`. */
export function formatBitRate(bytesPerSecond: number, language: string): string {
  return scaled(bytesPerSecond * 8, BIT_RATE_UNITS, language);
}

/** A length of time in its largest whole unit: `10 sec`, `5 min`, `1 hr`. */
export function formatStep(seconds: number, language: string): string {
  const [amount, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, 'hour']
      : seconds % 60 === 0
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(
    amount,
  );
}

/** A plain number, grouped the reader's way, with at most `digits` decimals. */
export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}
