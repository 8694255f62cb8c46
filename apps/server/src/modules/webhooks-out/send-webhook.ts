import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { checkAddresses, checkTarget, TargetRefused } from './target-address.js';
import type { TargetRules } from './target-address.js';

/** What one attempt came to, as the delivery log keeps it. */
export interface AttemptResult {
  ok: boolean;
  /** The answer's HTTP status; null when there was none (refused, timed out, not allowed). */
  statusCode: number | null;
  /** Why it failed, for the delivery log; null on success. */
  error: string | null;
}

export interface WebhookRequest {
  url: string;
  /** `webhook-id`: the event's id, the same on every attempt. */
  eventId: string;
  /** The JSON body, posted byte for byte as stored. */
  body: string;
  /** `whsec_…` secrets; each signs (the previous one while a rotation is under way). */
  secrets: string[];
  rules: TargetRules;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** How much of an answer is read: enough for the delivery log, never a flood. */
const MAX_ANSWER_BYTES = 1024;

/** The Standard Webhooks headers for `body`, signed at `now` with every secret. */
export function webhookHeaders(
  eventId: string,
  body: string,
  secrets: string[],
  now = new Date(),
): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, now, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'Stagecast-Webhooks/1',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * A DNS lookup that connects only to addresses the rules allow: the check at the start of the
 * attempt resolved the name too, but a name can resolve differently a moment later.
 */
export function guardedLookup(url: URL, rules: TargetRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      try {
        checkAddresses(
          url,
          addresses.map((a) => a.address),
          rules,
        );
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '', 4);
      }
      if (options.all) return callback(null, addresses, 4);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** A network error as a short line for the log. */
function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof TargetRefused) return `refused: ${err.message}`;
  const e = err as NodeJS.ErrnoException & { name?: string };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (e.name === 'AbortError') return 'interrupted: the server was stopping';
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name does not resolve',
    EAI_AGAIN: 'host name lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
  };
  const text = (e.code && known[e.code]) ?? e.message ?? String(err);
  return text.slice(0, 300);
}

/** Printable text of an answer's first bytes. */
const snippet = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ')
    .trim()
    .slice(0, 200);

/**
 * Posts one signed webhook. Success is a 2xx answer within `timeoutMs`; redirects are not
 * followed (a 3xx is a failure: the endpoint's URL is what an admin approved), and targets the
 * rules refuse are never connected to.
 */
export async function sendWebhook(request: WebhookRequest): Promise<AttemptResult> {
  const url = new URL(request.url);
  try {
    await checkTarget(url, request.rules);
  } catch (err) {
    return { ok: false, statusCode: null, error: describeError(err, request.timeoutMs) };
  }
  const signal = AbortSignal.any([
    AbortSignal.timeout(request.timeoutMs),
    ...(request.signal ? [request.signal] : []),
  ]);
  const body = Buffer.from(request.body);
  const headers = { ...webhookHeaders(request.eventId, request.body, request.secrets) };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const req = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
      lookup: guardedLookup(url, request.rules),
      // A connection of its own per attempt: nothing pooled outlives the checks above.
      agent: false,
      signal,
    });
    req.on('error', (err) => {
      // The signal's reason says whether it was the timeout or a stop.
      const cause = signal.aborted ? (signal.reason as Error) : err;
      resolve({ ok: false, statusCode: null, error: describeError(cause, request.timeoutMs) });
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        res.destroy();
        if (status >= 200 && status < 300) {
          resolve({ ok: true, statusCode: status, error: null });
        } else if (status >= 300 && status < 400) {
          resolve({
            ok: false,
            statusCode: status,
            error: `HTTP ${status}: a redirect, not followed (webhooks go to the endpoint's URL only)`,
          });
        } else {
          const text = snippet(Buffer.concat(chunks));
          resolve({
            ok: false,
            statusCode: status,
            error: `HTTP ${status}${text ? `: ${text}` : ''}`,
          });
        }
      };
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
        size += chunk.length;
        if (size >= MAX_ANSWER_BYTES) finish();
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.end(body);
  });
}
