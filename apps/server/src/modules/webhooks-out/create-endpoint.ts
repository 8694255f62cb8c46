import { randomUUID } from 'node:crypto';
import type { createWebhookBodySchema } from '@stagecast/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { assertTarget } from './assert-target.js';
import { endpointRepository } from './endpoint-repository.js';
import type { EndpointRow } from './endpoint-repository.js';
import { newWebhookSecret } from './secrets.js';
import type { TargetRules } from './target-address.js';

/** A new endpoint and its secret, which the caller shows once. */
export async function createEndpoint(options: {
  db: Db;
  rules: TargetRules;
  input: z.output<typeof createWebhookBodySchema>;
}): Promise<{ endpoint: EndpointRow; secret: string }> {
  const { db, rules, input } = options;
  await assertTarget(input.url, rules);
  const secret = newWebhookSecret();
  const endpoint = await endpointRepository(db).insert({
    id: randomUUID(),
    url: input.url,
    description: input.description,
    eventTypes: input.event_types,
    enabled: input.enabled,
    secret,
  });
  return { endpoint, secret };
}
