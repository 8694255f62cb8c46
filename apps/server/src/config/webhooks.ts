import type { z } from 'zod';
import { booleanFlag, settingsArea } from './fields.js';

/** Webhooks out to the host site (issue 14). */
export const webhooksEnv = {
  /**
   * Lets endpoints point at loopback, private, link-local and unique-local addresses. Off, such
   * targets are refused at creation and again at every delivery (DNS may change), so an admin
   * cannot make the server call into its own network.
   */
  WEBHOOK_ALLOW_PRIVATE: booleanFlag(false),
};

export const webhooksArea = settingsArea('Webhooks', webhooksEnv);

type WebhooksEnv = z.infer<z.ZodObject<typeof webhooksEnv>>;

/** The webhooks part of `Config`. */
export interface WebhooksSettings {
  webhooks: { allowPrivate: boolean };
}

export function toWebhooksSettings(env: WebhooksEnv): WebhooksSettings {
  return { webhooks: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE } };
}
