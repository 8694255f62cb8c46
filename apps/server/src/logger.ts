import { stdSerializers } from 'pino';
import type { LoggerOptions } from 'pino';

/**
 * Log policy: info is one line per lifecycle step (listening, LiveKit ready, shutdown) and one
 * per request; debug carries the LiveKit child's own lines. Secrets never reach a log line: the
 * paths below are censored wherever they appear, and errors are logged without request bodies.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.token',
  '*.access_token',
  '*.host_token',
  '*.invite_token',
  '*.stream_key',
  '*.apiSecret',
  '*.api_secret',
  '*.secret',
  '*.LIVEKIT_API_SECRET',
  '*.ADMIN_PASSWORD',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'stagecast' },
    // Requests are logged by method, path (tokens in the query string censored) and client
    // address: never headers or bodies.
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url ?? ''),
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: stdSerializers.err,
    },
  };
}

/**
 * The query keys whose values may be logged: the API's own filters and paging, nothing that
 * could carry a secret. Every other key keeps its name but loses its value, so an invite, a
 * token or a key under a name nobody thought of (`?invite=`, `?code=`, `?sig=`) never reaches a
 * log line. Add a key here only when its values can never grant anything.
 */
export const LOGGABLE_QUERY_KEYS: ReadonlySet<string> = new Set([
  'status',
  'is_public',
  'page',
  'page_size',
  'before',
  'limit',
  'range',
  'lang',
  // attendance and the audit log: formats, ids and action names, never secrets
  'format',
  'session_id',
  'actor_id',
  'action',
]);

/** Keeps the path and the loggable query keys; every other value is replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    // A bare word (`?s3cr3t`) may be a secret too: only a known key stays.
    if (eq < 0)
      return part === '' || LOGGABLE_QUERY_KEYS.has(safeDecode(part)) ? part : '[redacted]';
    const key = part.slice(0, eq);
    return LOGGABLE_QUERY_KEYS.has(safeDecode(key)) ? part : `${key}=[redacted]`;
  });
  // A fragment never reaches a server, but a URL given to the logger by hand may have one.
  return `${url.slice(0, q)}?${parts.join('&')}${hash < 0 ? '' : '#[redacted]'}`;
}

function safeDecode(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
