import type { z } from 'zod';
import type { webhookDeliveriesQuerySchema, WebhookDelivery } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { deliveryRepository } from './delivery-repository.js';
import { endpointRepository } from './endpoint-repository.js';
import { toDeliveryDto } from './webhook-dto.js';

/** A page of an endpoint's delivery log, newest first, paged by delivery id. */
export async function listDeliveries(options: {
  db: Db;
  endpointId: string;
  query: z.output<typeof webhookDeliveriesQuerySchema>;
}): Promise<{ deliveries: WebhookDelivery[]; has_more: boolean; next_before: number | null }> {
  const { db, endpointId, query } = options;
  if (!(await endpointRepository(db).find(endpointId))) {
    throw new AppError('NOT_FOUND', 'no such webhook');
  }
  const rows = await deliveryRepository(db).list({
    endpointId,
    status: query.status,
    before: query.before,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const hasMore = rows.length > query.limit;
  return {
    deliveries: page.map(toDeliveryDto),
    has_more: hasMore,
    next_before: hasMore ? (page.at(-1)?.id ?? null) : null,
  };
}
