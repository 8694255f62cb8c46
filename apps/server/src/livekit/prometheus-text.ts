/**
 * A reader of the Prometheus text exposition format (version 0.0.4), enough for LiveKit's own
 * `/metrics`: sample lines `name{label="value",…} value [timestamp]`, comments skipped. Label
 * values may hold escaped quotes, backslashes and newlines, and commas or braces.
 */

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Reads `{a="x",b="y"}` from `line` at `start`; returns the labels and the index after `}`. */
function parseLabels(line: string, start: number): [Record<string, string>, number] | undefined {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i += 1;
    if (line[i] === '}') return [labels, i + 1];
    LABEL_NAME.lastIndex = i;
    const name = LABEL_NAME.exec(line)?.[0];
    if (!name) return undefined;
    i += name.length;
    while (line[i] === ' ') i += 1;
    if (line[i] !== '=' || line[i + 1] !== '"') return undefined;
    i += 2;
    let value = '';
    for (; i < line.length && line[i] !== '"'; i += 1) {
      if (line[i] === '\\') {
        i += 1;
        value += line[i] === 'n' ? '\n' : (line[i] ?? '');
      } else {
        value += line[i];
      }
    }
    if (line[i] !== '"') return undefined;
    labels[name] = value;
    i += 1;
  }
}

/** Every sample of `text`; malformed lines are skipped rather than failing the whole read. */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    NAME.lastIndex = 0;
    const name = NAME.exec(line)?.[0];
    if (!name) continue;
    let labels: Record<string, string> = {};
    let rest = name.length;
    if (line[rest] === '{') {
      const parsed = parseLabels(line, rest);
      if (!parsed) continue;
      [labels, rest] = parsed;
    }
    const valueText = line.slice(rest).trim().split(/\s+/)[0] ?? '';
    const value = parseValue(valueText);
    if (valueText === '' || Number.isNaN(value)) continue;
    samples.push({ name, labels, value });
  }
  return samples;
}

/** The sum of every sample named `name` whose labels include `match`. */
export function sumSamples(
  samples: readonly PromSample[],
  name: string,
  match: Record<string, string> = {},
): number {
  let sum = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(match).every(([k, v]) => s.labels[k] === v)) sum += s.value;
  }
  return sum;
}
