import { useLocalParticipant, useParticipantAttributes } from '@livekit/components-react';
import type { SessionRole } from '@stagecast/contracts';
import { parseRole } from './roles.js';

/**
 * The local participant's role, live: the API updates the `role` attribute on a role change, so
 * controls follow without rejoining. Until LiveKit has it, the role the join returned.
 */
export function useLocalRole(joinedAs: SessionRole): SessionRole {
  const { localParticipant } = useLocalParticipant();
  const { attributes } = useParticipantAttributes({ participant: localParticipant });
  return parseRole(attributes?.role) ?? joinedAs;
}
