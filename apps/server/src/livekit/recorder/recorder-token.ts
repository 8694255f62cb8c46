import { recorderGrant } from '../grants.js';
import type { LivekitKeys } from '../keys.js';
import { signAccessToken } from '../tokens.js';

/** The identity of the recorder of one recording: hidden, so no client lists it. */
export const recorderIdentity = (recordingId: string) => `recorder:${recordingId}`;

/** The built-in recorder's token: hidden, a recorder, subscribes to all, publishes nothing. */
export function createRecorderToken(input: {
  keys: LivekitKeys;
  room: string;
  recordingId: string;
  ttlSeconds: number;
}): string {
  return signAccessToken(input.keys, {
    identity: recorderIdentity(input.recordingId),
    name: 'Recorder',
    ttlSeconds: input.ttlSeconds,
    attributes: { role: 'recorder' },
    video: recorderGrant(input.room),
  });
}
