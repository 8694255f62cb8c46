import type { updateWebhookBodySchema } from '@stagecast/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { assertTarget } from './assert-target.js';
import { endpointRepository } from './endpoint-repository.js';
import type { EndpointRow, NewEndpoint } from './endpoint-repository.js';
import type { TargetRules } from './target-address.js';

/** Changes the fields given; a new URL is checked as at creation. */
export async function updateEndpoint(options: {
  db: Db;
  rules: TargetRules;
  id: string;
  changes: z.output<typeof updateWebhookBodySchema>;
}): Promise<EndpointRow> {
  const { db, rules, id, changes: c } = options;
  if (c.url !== undefined) await assertTarget(c.url, rules);
  const patch: Partial<NewEndpoint> = {
    ...(c.url !== undefined && { url: c.url }),
    ...(c.description !== undefined && { description: c.description }),
    ...(c.event_types !== undefined && { eventTypes: c.event_types }),
    ...(c.enabled !== undefined && { enabled: c.enabled }),
  };
  const updated = await endpointRepository(db).update(id, patch);
  if (!updated) throw new AppError('NOT_FOUND', 'no such webhook');
  return updated;
}
