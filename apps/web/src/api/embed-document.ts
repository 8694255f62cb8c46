import { EMBED_PATH_PREFIX } from '@stagecast/contracts';

let embedded: boolean | undefined;

/**
 * Whether this document is the embedded room (loaded at `/embed/…`, in the host site's iframe).
 * Decided once per document: its calls then carry `x-stagecast-embed`, so the server reads and
 * sets the embedded room's own cookie (apps/server/src/modules/auth/auth-cookie.ts).
 */
export function isEmbedDocument(): boolean {
  embedded ??=
    typeof window !== 'undefined' && window.location.pathname.startsWith(EMBED_PATH_PREFIX);
  return embedded;
}
