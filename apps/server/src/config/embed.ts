import { normalizeOrigin } from '@stagecast/contracts';
import type { z } from 'zod';
import { commaList, settingsArea } from './fields.js';
import { isLoopbackUrl } from './production.js';

/** Why `item` cannot be an origin of `EMBED_ORIGINS`, if it cannot. */
function originProblem(item: string): string | undefined {
  const origin = normalizeOrigin(item);
  if (!origin) {
    return `"${item}" is not an origin like https://school.example.com (scheme, host and port only: no path, no wildcard)`;
  }
  if (origin.startsWith('http://') && !isLoopbackUrl(origin)) {
    return `"${item}" must be https:// (browsers give the camera only to secure pages, and the embedded room's cookie needs https); http:// only on localhost or 127.0.0.1`;
  }
  return undefined;
}

/** The embeddable room (issue 14): which host pages may frame `/embed/{session_id}`. */
export const embedEnv = {
  /**
   * Comma-separated origins. Empty: no page may frame the room (nor any other page, ever).
   */
  EMBED_ORIGINS: commaList(originProblem).transform((list) => [
    ...new Set(list.map((item) => normalizeOrigin(item)!)),
  ]),
};

export const embedArea = settingsArea('Embedding', embedEnv);

type EmbedEnv = z.infer<z.ZodObject<typeof embedEnv>>;

/** The embedding part of `Config`. */
export interface EmbedSettings {
  embed: {
    /** Normalised origins (`https://school.example.com`), without duplicates. */
    origins: string[];
  };
}

export function toEmbedSettings(env: EmbedEnv): EmbedSettings {
  return { embed: { origins: env.EMBED_ORIGINS } };
}
