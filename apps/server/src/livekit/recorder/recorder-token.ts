import { AccessToken } from 'livekit-server-sdk';
import { recorderGrant } from '../grants.js';
import type { LivekitKeys } from '../keys.js';

/** The identity of the recorder of one recording: hidden, so no client lists it. */
export const recorderIdentity = (recordingId: string) => `recorder:${recordingId}`;

/** The built-in recorder's token: hidden, a recorder, subscribes to all, publishes nothing. */
export function createRecorderToken(input: {
  keys: LivekitKeys;
  room: string;
  recordingId: string;
  ttlSeconds: number;
}): Promise<string> {
  const token = new AccessToken(input.keys.apiKey, input.keys.apiSecret, {
    identity: recorderIdentity(input.recordingId),
    name: 'Recorder',
    ttl: input.ttlSeconds,
    attributes: { role: 'recorder' },
  });
  token.addGrant(recorderGrant(input.room));
  return token.toJwt();
}
