/**
 * The embeddable room's message protocol (issue 14), without zod: names, the envelope and the
 * origin rules, shared by the room page inside the iframe (which also parses messages with the
 * schemas of `embed.ts`) and `/embed.js` on the host site's page, which imports only this file
 * (`@stagecast/contracts/embed-protocol`) so that it stays a few kilobytes.
 *
 * Both directions travel over `window.postMessage` as `{source, version, …}` objects:
 * - events, iframe → host page: `{source: 'stagecast', version: 1, event, data}`;
 * - commands, host page → iframe: `{source: 'stagecast', version: 1, command, data?}`.
 */

/** Marks our messages among everything else a page may receive. */
export const EMBED_MESSAGE_SOURCE = 'stagecast';
/** The protocol's version: a message of another version is ignored. */
export const EMBED_PROTOCOL_VERSION = 1;

/** What the embedded room tells the host page. */
export const EMBED_EVENT_NAMES = [
  /** The room page is loaded and listens for commands. */
  'ready',
  /** Connected to the room (once per join, not per reconnection). */
  'joined',
  /** Left the room (the Leave button or the `leave` command). */
  'left',
  /** The session ended while the person was in it or about to join. */
  'ended',
  /** A host removed the person (kicked: they cannot come back). */
  'removed',
  /** The person's hand went up or down (`data.raised`). */
  'hand-raised',
  /** Something stopped the person from joining, or a command could not be carried out. */
  'error',
] as const;
export type EmbedEventName = (typeof EMBED_EVENT_NAMES)[number];

/** What the host page may ask of the embedded room. */
export const EMBED_COMMAND_NAMES = [
  'leave',
  'toggle-microphone',
  'toggle-camera',
  /** `data.raised`: true (the default) raises the hand, false lowers it. */
  'raise-hand',
] as const;
export type EmbedCommandName = (typeof EMBED_COMMAND_NAMES)[number];

/** The `code` of an `error` event. */
export const EMBED_ERROR_CODES = [
  /** No such session. */
  'not_found',
  /** A private session: the invite is missing, wrong or expired. */
  'private',
  /** Not live yet (`data.scheduled_at` says when it is planned). */
  'not_live',
  /** The session is full. */
  'full',
  /** Refused for another reason (guests not allowed here, say). */
  'forbidden',
  /** Not signed in, or the sign-in expired: mint a new token and embed again. */
  'sign_in',
  /** The same person joined from another tab or device, which took over. */
  'duplicate',
  /** The join was rate limited: try again in a moment. */
  'rate_limited',
  /** The session's waiting room: a host turned this person away (for 10 minutes). */
  'lobby_denied',
  /** Could not load or connect, even after retrying. */
  'failed',
  /** The command cannot be carried out now (not in the room, or the role does not publish). */
  'unavailable',
] as const;
export type EmbedErrorCode = (typeof EMBED_ERROR_CODES)[number];

/**
 * Sent by the room page on its API calls: it lives in another site's iframe, where the browser
 * keeps a cookie of its own for it (`SameSite=None; Partitioned`), which the server reads only
 * on requests that carry this header. Other sites cannot send it (it is not in the CORS
 * allow-list, and a custom header needs a preflight), so that cookie is no way to forge requests.
 */
export const EMBED_REQUEST_HEADER = 'x-stagecast-embed';

/** Pages under this prefix may be framed by the origins of `EMBED_ORIGINS`. */
export const EMBED_PATH_PREFIX = '/embed/';

/** The path of the embedded room of a session. */
export const embedPath = (sessionId: string) =>
  `${EMBED_PATH_PREFIX}${encodeURIComponent(sessionId)}`;

/**
 * `text` as an origin (`https://school.example.com`, `http://localhost:8080`: scheme, host and
 * port, lower-cased, the default port dropped), or undefined when it is anything else: a path,
 * a query, a user name, a wildcard, another scheme than http(s).
 */
export function normalizeOrigin(text: string): string | undefined {
  const trimmed = text.trim().replace(/\/$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return undefined;
  }
  // `new URL` accepts `*` in a host name; an origin never has one.
  if (url.hostname.includes('*')) return undefined;
  return url.origin;
}

/**
 * Whether a message's `origin` (as the browser reports it: already serialised, so compared
 * exactly) is one of `allowed` (normalised origins). An opaque origin (`"null"`: a sandboxed
 * frame, a `file:` page) never is.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  return origin !== 'null' && allowed.includes(origin);
}
