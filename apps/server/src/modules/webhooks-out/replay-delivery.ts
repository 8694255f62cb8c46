import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { deliveryRepository } from './delivery-repository.js';
import type { DeliveryRow } from './delivery-repository.js';
import { queuedSignal } from './emit-event.js';
import { endpointRepository } from './endpoint-repository.js';

/**
 * Sends a delivery again now, whatever became of it: the same event id and body (receivers that
 * already have it drop it by `webhook-id`), with a new 24 h of retries.
 */
export async function replayDelivery(options: {
  db: Db;
  endpointId: string;
  deliveryId: number;
}): Promise<DeliveryRow> {
  const { db, endpointId, deliveryId } = options;
  const endpoint = await endpointRepository(db).find(endpointId);
  if (!endpoint) throw new AppError('NOT_FOUND', 'no such webhook');
  const deliveries = deliveryRepository(db);
  const delivery = await deliveries.find(endpointId, deliveryId);
  if (!delivery) throw new AppError('NOT_FOUND', 'no such delivery of this webhook');
  if (!endpoint.enabled) {
    throw new AppError('CONFLICT', 'this webhook is disabled: enable it to replay its deliveries', {
      enabled: false,
    });
  }
  const replayed = await deliveries.replay(delivery.id, new Date());
  if (!replayed) throw new AppError('NOT_FOUND', 'no such delivery of this webhook');
  queuedSignal.emit('queued');
  return replayed;
}
