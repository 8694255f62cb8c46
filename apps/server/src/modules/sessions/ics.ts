/**
 * A small iCalendar (RFC 5545) writer: one VEVENT in a VCALENDAR, with the text escaping, UTC
 * times and line folding the RFC asks for. Pure, so it is tested without the app.
 */

/** One event, as `buildIcs` writes it. */
export interface IcsEvent {
  /** Globally unique and stable across every copy of the file (§3.8.4.7). */
  uid: string;
  /** Bumped each time the event changes in a way a calendar must take (§3.8.7.4). */
  sequence: number;
  /** When this copy of the event was written (§3.8.7.2). */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  /** The page of the event. */
  url?: string | undefined;
  created?: Date | undefined;
  lastModified?: Date | undefined;
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED' | undefined;
}

/** Who wrote the file (§3.7.3). */
export const PRODUCT_ID = '-//Stagecast//Live sessions//EN';

/** A date-time in UTC, `YYYYMMDDTHHMMSSZ` (§3.3.5, form #2); milliseconds are dropped. */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

// C0 controls but tab and line feed (already written as `\n`), and DEL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped with a backslash, every line
 * break written as `\n`. Control characters other than tab are not allowed in a content line
 * (§3.1), so they are dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(CONTROLS, '');
}

const encoder = new TextEncoder();
const octets = (text: string) => encoder.encode(text).length;

/**
 * Folds a content line so that no line is longer than 75 octets (§3.1): the rest continues on
 * the next line after CRLF and one space. Cuts fall between characters (a UTF-8 sequence, or a
 * surrogate pair, is never split), so a CJK title stays valid UTF-8 on every line.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let size = 0;
  // The continuation's leading space counts toward its 75.
  let limit = 75;
  for (const char of line) {
    const n = octets(char);
    if (size + n > limit) {
      lines.push(current);
      current = '';
      size = 0;
      limit = 74;
    }
    current += char;
    size += n;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

/** The whole file: CRLF after every line, the last one included (§3.1). */
export function buildIcs(event: IcsEvent): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // A URI value is not TEXT: no escaping (§3.3.13), only folding.
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.created) lines.push(`CREATED:${formatUtc(event.created)}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
