import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, formatUtc } from './ics.js';
import type { IcsEvent } from './ics.js';

const octets = (line: string) => new TextEncoder().encode(line).length;
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

const event: IcsEvent = {
  uid: '6f1c2a52-8f7e-4c55-9a55-0a3a4b2c1d10@class.example.org',
  sequence: 2,
  stamp: new Date('2030-01-01T08:00:00.123Z'),
  start: new Date('2030-03-10T00:00:00Z'),
  end: new Date('2030-03-10T01:00:00Z'),
  summary: 'Maths; algebra, part 2',
  description: 'Line one\nLine two, with a \\ backslash',
  url: 'https://class.example.org/live/6f1c2a52-8f7e-4c55-9a55-0a3a4b2c1d10?invite=a,b;c',
  status: 'CONFIRMED',
};

describe('the iCalendar writer', () => {
  it('writes UTC date-times without milliseconds', () => {
    expect(formatUtc(new Date('2030-03-10T09:05:07.999Z'))).toBe('20300310T090507Z');
  });

  it('escapes backslashes, semicolons, commas and line breaks in text, and drops controls', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\r\ntwo\rthree\nfour')).toBe('one\\ntwo\\nthree\\nfour');
    expect(escapeText('bell\u0007 tab\tkept')).toBe('bell tab\tkept');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const title = `SUMMARY:${'数学课：代数与几何，第二部分 🧮 '.repeat(6)}`;
    const folded = foldLine(title);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    // Each physical line is valid UTF-8 on its own: no replacement character when decoded.
    for (const line of lines) {
      const bytes = new TextEncoder().encode(line);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line);
    }
    expect(unfold(folded)).toBe(title);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('ends every line with CRLF and gives the required properties', () => {
    const ics = buildIcs(event);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20300101T080000Z');
    expect(lines).toContain('DTSTART:20300310T000000Z');
    expect(lines).toContain('DTEND:20300310T010000Z');
    expect(lines).toContain('SUMMARY:Maths\\; algebra\\, part 2');
    // A URI is not text: its commas and semicolons stay as they are.
    expect(lines).toContain(`URL:${event.url}`);
  });

  it('is read back by a real iCalendar parser with the same values', () => {
    const long = { ...event, description: `${'Bring your notebook. '.repeat(10)}\n한국어 설명` };
    const vevent = new ICAL.Component(ICAL.parse(buildIcs(long))).getFirstSubcomponent('vevent')!;
    const parsed = new ICAL.Event(vevent);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.sequence).toBe(2);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(long.description);
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2030-03-10T00:00:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2030-03-10T01:00:00.000Z');
    expect(vevent.getFirstPropertyValue('url')).toBe(event.url);
  });
});
