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

/** Query strings can carry tokens (`?token=`, `?invite_token=`): keep the path, drop their values. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:[^=&]*token|secret|password|key)[^=&]*=)[^&]*/gi, '$1[redacted]');
}
