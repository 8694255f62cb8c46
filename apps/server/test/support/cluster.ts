/**
 * What tests of several app instances read from each: its Prometheus series and its log lines
 * (JSON, `LOG_LEVEL=debug`), with the reconcile passes it ran.
 */

/** Every series of `/metrics` on loopback, by its full name with labels. */
export async function metricSeries(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

/** The sum over instances of one series (0 where it is missing). */
export function summed(all: Map<string, number>[], name: string): number {
  return all.reduce((sum, series) => sum + (series.get(name) ?? 0), 0);
}

/**
 * LiveKit's webhooks as the instances at `baseUrls` counted them, by event: `once` sums the
 * outcomes that are not `duplicate` (applied, ignored, failed), `seen` says which instance
 * counted what (`A applied 2`).
 */
export type WebhookOutcomes = Map<string, { once: number; duplicate: number; seen: string[] }>;

export async function webhookOutcomes(baseUrls: string[]): Promise<WebhookOutcomes> {
  const events: WebhookOutcomes = new Map();
  const all = await Promise.all(baseUrls.map(metricSeries));
  for (const [i, series] of all.entries()) {
    for (const [name, value] of series) {
      const m = /^stagecast_webhook_events_total\{event="(\w+)",outcome="(\w+)"\}$/.exec(name);
      if (!m || value === 0) continue;
      const entry = events.get(m[1]!) ?? { once: 0, duplicate: 0, seen: [] };
      if (m[2] === 'duplicate') entry.duplicate += value;
      else entry.once += value;
      entry.seen.push(`${String.fromCharCode(65 + i)} ${m[2]} ${value}`);
      events.set(m[1]!, entry);
    }
  }
  return events;
}

export interface LogLine {
  time: number;
  msg: string;
  level: number;
  [key: string]: unknown;
}

/** The JSON log lines in a process's output (anything else skipped). */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      // a line cut by the process's end
    }
  }
  return lines;
}

/** A reconcile pass an instance ran: from its start to its end (ms since the epoch). */
export interface PassSpan {
  instance: string;
  start: number;
  end: number;
}

/** The reconcile passes in an instance's log (`reconcile pass done`, logged at debug). */
export function reconcilePasses(instance: string, output: string): PassSpan[] {
  return logLines(output)
    .filter((l) => l.msg === 'reconcile pass done')
    .map((l) => ({ instance, start: Number(l.startedAt), end: l.time }));
}

/** Pairs of passes that ran at the same time, over every instance's passes. */
export function overlappingPasses(passes: PassSpan[]): [PassSpan, PassSpan][] {
  const sorted = [...passes].sort((x, y) => x.start - y.start);
  const overlaps: [PassSpan, PassSpan][] = [];
  // The pass that ends last among those started so far: any later start before its end overlaps.
  let latest: PassSpan | undefined;
  for (const pass of sorted) {
    if (latest && pass.start < latest.end) overlaps.push([latest, pass]);
    if (!latest || pass.end > latest.end) latest = pass;
  }
  return overlaps;
}
