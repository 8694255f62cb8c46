import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { endpointRepository } from './endpoint-repository.js';
import type { EndpointRow } from './endpoint-repository.js';
import { newWebhookSecret, PREVIOUS_SECRET_GRACE_MS } from './secrets.js';

/**
 * A new secret for the endpoint, shown once. The one it replaces keeps signing beside it (two
 * `v1,…` signatures) for a day, so the receiver can switch without losing an event.
 */
export async function rotateEndpointSecret(options: {
  db: Db;
  id: string;
  now?: Date;
}): Promise<{ endpoint: EndpointRow; secret: string }> {
  const { db, id, now = new Date() } = options;
  const repo = endpointRepository(db);
  const current = await repo.find(id);
  if (!current) throw new AppError('NOT_FOUND', 'no such webhook');
  const secret = newWebhookSecret();
  const endpoint = await repo.update(id, {
    secret,
    previousSecret: current.secret,
    previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
  });
  if (!endpoint) throw new AppError('NOT_FOUND', 'no such webhook');
  return { endpoint, secret };
}
