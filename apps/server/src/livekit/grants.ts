import type { SessionRole } from '@stagecast/contracts';
import { TrackSource } from 'livekit-server-sdk';
import type { VideoGrant } from 'livekit-server-sdk';

const PUBLISH_SOURCES = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

/** What each session role may do in its LiveKit room (SPEC §3). */
const ROLE_CAPABILITIES: Record<SessionRole, { publish: boolean }> = {
  host: { publish: true },
  co_host: { publish: true },
  speaker: { publish: true },
  viewer: { publish: false },
};

/**
 * The LiveKit grant of a client joining `room` with `role`. Every field is explicit, because
 * LiveKit treats an unset `canPublish` (and several others) as allowed. No client ever gets an
 * admin, create, list, record, hidden or recorder grant: moderation goes through our API.
 * Chat is sent through the API too, so clients do not publish data, and names and metadata are
 * set by the server, so clients cannot change their own.
 */
export function grantForRole(role: SessionRole, room: string): VideoGrant {
  const { publish } = ROLE_CAPABILITIES[role];
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: publish,
    canPublishSources: publish ? [...PUBLISH_SOURCES] : [],
    canPublishData: false,
    canUpdateOwnMetadata: false,
    canSubscribeMetrics: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    roomAdmin: false,
    ingressAdmin: false,
    hidden: false,
    recorder: false,
    agent: false,
    canManageAgentSession: false,
  };
}

/** The permission LiveKit's UpdateParticipant applies to a connected client whose role changed. */
export function permissionForRole(role: SessionRole) {
  const grant = grantForRole(role, '');
  return {
    canSubscribe: grant.canSubscribe!,
    canPublish: grant.canPublish!,
    canPublishData: grant.canPublishData!,
    canPublishSources: grant.canPublishSources!,
    canUpdateMetadata: grant.canUpdateOwnMetadata!,
    canSubscribeMetrics: grant.canSubscribeMetrics!,
    hidden: false,
    recorder: false,
    agent: false,
  };
}

/**
 * The grant of the server's own recorder (SPEC §4): it joins hidden, marked as a recorder, sees
 * and hears everyone, and may publish nothing. Only `recorder/recorder-token.ts` mints it; no
 * client token ever carries `hidden` or `recorder` (see `grantForRole`).
 */
export function recorderGrant(room: string): VideoGrant {
  // A viewer's rights (subscribe, publish nothing), plus the two flags clients never get.
  return { ...grantForRole('viewer', room), hidden: true, recorder: true };
}

/**
 * A publisher that sees nothing: camera and microphone only, no subscribing, no data, nothing
 * beyond its own room (a viewer's grant otherwise). The connection check's publishing end and an
 * OBS stream key (issue 15) both carry it.
 */
export function publishOnlyGrant(room: string): VideoGrant {
  return {
    ...grantForRole('viewer', room),
    canPublish: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    canSubscribe: false,
  };
}
