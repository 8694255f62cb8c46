import type { SessionRole } from '@stagecast/contracts';
import { AccessToken } from 'livekit-server-sdk';
import { grantForRole } from './grants.js';
import type { LivekitKeys } from './keys.js';

export interface JoinTokenInput {
  keys: LivekitKeys;
  /** The session id, which is the room name. */
  room: string;
  /** Assigned by the server: `user:<id>` or `guest:<id>`. */
  identity: string;
  name: string;
  role: SessionRole;
  ttlSeconds: number;
  metadata?: string;
}

/** A short-lived LiveKit access token whose grants follow the role (see `grants.ts`). */
export function createJoinToken(input: JoinTokenInput): Promise<string> {
  const token = new AccessToken(input.keys.apiKey, input.keys.apiSecret, {
    identity: input.identity,
    name: input.name,
    ttl: input.ttlSeconds,
    metadata: input.metadata,
    // Everyone in the room sees each other's role (the stage, moderation controls).
    attributes: { role: input.role },
  });
  token.addGrant(grantForRole(input.role, input.room));
  return token.toJwt();
}
