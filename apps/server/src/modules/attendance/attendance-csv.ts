import { ATTENDANCE_CSV_COLUMNS } from '@stagecast/contracts';
import type { AttendanceReport } from '@stagecast/contracts';

// What a spreadsheet reads as the start of a formula (OWASP's list): a name like
// `=HYPERLINK("http://evil","click")` must arrive as text, not as a live link or a command.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula gets a leading `'`
 * (shown as text, the characters kept), then quotes when it holds a quote, comma or line break.
 * Numbers are written as they are: they are ours, never a person's text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The attendance as CSV: a header line of {@link ATTENDANCE_CSV_COLUMNS}, one line per person,
 * CRLF line ends. It starts with a UTF-8 byte order mark, without which Excel reads Chinese and
 * Korean names as mojibake.
 */
export function attendanceCsv(report: AttendanceReport): string {
  const lines = [ATTENDANCE_CSV_COLUMNS.join(',')];
  for (const a of report.attendees) {
    const cells: Record<(typeof ATTENDANCE_CSV_COLUMNS)[number], string | number | null> = {
      display_name: a.display_name,
      user_id: a.user_id,
      identity: a.identity,
      role: a.role,
      first_join: a.first_join,
      last_leave: a.last_leave,
      joins: a.joins,
      total_seconds: a.total_seconds,
    };
    lines.push(ATTENDANCE_CSV_COLUMNS.map((column) => csvCell(cells[column])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Whether an `Accept` header asks for CSV rather than JSON: `text/csv` with a quality above
 * that of JSON (named, or through `application/*` or a wildcard). No header, or a tie: JSON.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = 0;
  let json = 0;
  let jsonSpecificity = -1;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const type = range.trim();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/csv') csv = Math.max(csv, q);
    const specificity =
      type === 'application/json' ? 2 : type === 'application/*' ? 1 : type === '*/*' ? 0 : -1;
    // The most specific range that names JSON sets its quality (RFC 9110 §12.5.1).
    if (specificity > jsonSpecificity) {
      jsonSpecificity = specificity;
      json = q;
    } else if (specificity === jsonSpecificity && specificity >= 0) {
      json = Math.max(json, q);
    }
  }
  return csv > 0 && csv > json;
}
