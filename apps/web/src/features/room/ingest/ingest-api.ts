import { apiRoutes as r } from '@stagecast/contracts';
import { request } from '../../../api/client.js';

const session = (id: string) => ({ session_id: id });

/** Streaming from OBS (the host and admins): the WHIP URL and the stream key. */
export const ingestApi = {
  get: (id: string) => request(r.getIngest, { params: session(id) }),
  create: (id: string, ttlSeconds: number) =>
    request(r.createIngestKey, { params: session(id), body: { ttl_seconds: ttlSeconds } }),
  revoke: (id: string) => request(r.revokeIngestKey, { params: session(id) }),
};
