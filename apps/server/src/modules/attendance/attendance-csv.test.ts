import { ATTENDANCE_CSV_COLUMNS } from '@stagecast/contracts';
import type { AttendanceReport } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { attendanceCsv, csvCell, prefersCsv } from './attendance-csv.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j as a formula', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and leaves plain text alone', () => {
    expect(csvCell('Lee, Ada')).toBe('"Lee, Ada"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('李雷 a=b')).toBe('李雷 a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('attendanceCsv', () => {
  it('writes a BOM, the header and one CRLF line per person', () => {
    const report = {
      attendees: [
        {
          user_id: 'u1',
          identity: 'guest:u1',
          display_name: '=HYPERLINK("x")',
          role: 'viewer',
          first_join: '2026-12-01T10:00:00.000Z',
          last_leave: null,
          joins: 2,
          total_seconds: 61,
          stays: [],
        },
      ],
    } as unknown as AttendanceReport;
    const csv = attendanceCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(ATTENDANCE_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",u1,guest:u1,viewer,2026-12-01T10:00:00.000Z,,2,61`);
    expect(lines[2]).toBe('');
  });
});

describe('prefersCsv', () => {
  it.each([
    [undefined, false],
    ['text/csv', true],
    ['text/csv;q=0.9, application/json', false],
    ['application/json;q=0.5, text/csv', true],
    ['*/*', false],
    ['text/csv, */*;q=0.1', true],
    ['TEXT/CSV; charset=utf-8', true],
    ['text/csv;q=0', false],
    ['application/*, text/csv', false],
  ])('reads %j as CSV: %s', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});
