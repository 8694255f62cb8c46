import { LivekitUnavailableError } from './rooms.js';

/**
 * LiveKit's own WHIP endpoint (livekit-server v1.13.5, `pkg/service/whipservice.go`), which the
 * app's gateway calls on LiveKit's internal URL. There, behind the same API-key middleware as
 * `/rtc`, every call is authorized by its `Authorization: Bearer` token (the stream key):
 * - `POST /whip/v1` (`application/sdp` offer): `201` with the SDP answer, `Location:
 *   /whip/v1/<participant id>`, `ETag` (the ICE session), one `Link: <url>; rel="ice-server"`
 *   per STUN/TURN URL (with its credentials);
 * - `PATCH /whip/v1/<id>` (`application/trickle-ice-sdpfrag`, `If-Match` required, `428`
 *   without): `204` for trickle, `200` with a fragment and a new `ETag` for a restart (`*`);
 * - `DELETE /whip/v1/<id>`: `200`, the participant gone; `404` when it is not the token's.
 * Its errors are `{"error": "<text>"}`, and the text of a bad token quotes the token itself.
 */

const PATH = '/whip/v1';

/** One call the gateway passes on. */
export interface WhipCall {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** The session's participant id (`PA_…`); absent for `POST`. */
  resource?: string;
  /** The stream key, sent as LiveKit's Bearer token. */
  key: string;
  contentType?: string;
  ifMatch?: string;
  body?: string;
}

/** What LiveKit answered, with only the headers WHIP defines. */
export interface WhipReply {
  status: number;
  contentType: string | undefined;
  /** The participant id of the session `Location` names (a `201` of `POST`). */
  resource: string | undefined;
  etag: string | undefined;
  /** The `Link` values, one per ICE server URL. */
  links: string[];
  /** The SDP answer or fragment; for an error, LiveKit's text with the key taken out. */
  body: string;
}

/** Splits a `Link` header LiveKit sent as several into one value per link (`<…>; …`). */
function splitLinks(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(/,\s*(?=<)/)
    .map((link) => link.trim())
    .filter(Boolean);
}

/** LiveKit's error text (`{"error": …}`), never with the key in it. */
function errorText(body: string, key: string): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') text = parsed.error;
  } catch {
    // Not JSON: the text as it is.
  }
  return (key ? text.split(key).join('[redacted]') : text).trim().slice(0, 300);
}

/** Calls LiveKit's WHIP endpoint at `apiUrl`; a LiveKit that does not answer in time throws. */
export function whipUpstream(apiUrl: string, timeoutMs = 10_000) {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    async forward(call: WhipCall): Promise<WhipReply> {
      const url = `${base}${PATH}${call.resource ? `/${encodeURIComponent(call.resource)}` : ''}`;
      const headers: Record<string, string> = { authorization: `Bearer ${call.key}` };
      if (call.contentType) headers['content-type'] = call.contentType;
      if (call.ifMatch) headers['if-match'] = call.ifMatch;
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method: call.method,
          headers,
          body: call.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
      } catch (err) {
        throw new LivekitUnavailableError(`WHIP ${call.method}`, err);
      }
      const ok = res.status < 300;
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? undefined,
        resource: res.headers.get('location')?.split('/').pop() || undefined,
        etag: res.headers.get('etag') ?? undefined,
        links: splitLinks(res.headers.get('link')),
        body: ok ? text : errorText(text, call.key),
      };
    },
  };
}
export type WhipUpstream = ReturnType<typeof whipUpstream>;
