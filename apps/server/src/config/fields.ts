import { z } from 'zod';

/**
 * The value types settings share (ports, durations, URLs, flags), and how an area of settings
 * names itself for README's table. Each area file (`server.ts`, `livekit.ts`, ...) builds its
 * variables from these.
 */

/** The environment as it reaches the schema: every value a string or absent. */
export type Env = Record<string, string | undefined>;

/** A group of settings: README lists `variables` in a table under the heading `title`. */
export interface SettingsArea {
  title: string;
  variables: string[];
}

/** The area `title` made of the variables of `shape` (one zod schema per variable). */
export function settingsArea(title: string, shape: z.ZodRawShape): SettingsArea {
  return { title, variables: Object.keys(shape) };
}

export const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** A trimmed string; empty counts as unset. */
export const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${v}"` });
      return z.NEVER;
    });

/** A whole number between `min` and `max`, or `fallback` when unset. */
export const wholeNumber = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .default(fallback);

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `600`, `90s`, `10m`, `1h` into seconds. */
export function parseDurationSeconds(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  return Math.floor((Number(match[1]) * UNIT_MS[unit]) / 1000);
}

/** A duration like `10m` in seconds, between `min` and `max` seconds; `fallback` when unset. */
export const duration = (fallback: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? fallback : v;
      const seconds = parseDurationSeconds(raw);
      if (seconds === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a duration like 10m, 90s or 1h, got "${raw}"`,
        });
        return z.NEVER;
      }
      if (seconds < min || seconds > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be between ${min}s and ${max}s, got "${raw}"`,
        });
        return z.NEVER;
      }
      return seconds;
    });

/** `text` as a URL, or undefined where it is not one. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export const urlWithProtocols = (protocols: string[]) =>
  optionalString.refine((v) => v === undefined || protocols.includes(parseUrl(v)?.protocol ?? ''), {
    message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  });

/**
 * A comma-separated list, empty when unset. `problem` says what is wrong with an item, if
 * anything; the first wrong item is the setting's problem.
 */
export const commaList = (problem: (item: string) => string | undefined) =>
  optionalString.transform((v, ctx) => {
    const list = (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const item of list) {
      const message = problem(item);
      if (message) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
    }
    return list;
  });
