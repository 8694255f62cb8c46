import { useEffect } from 'react';
import type { SessionRole } from '@stagecast/contracts';
import { useEmbed, useEmbedCommand } from './embed-context.js';

export interface EmbedRoomState {
  identity: string;
  role: SessionRole;
  /** The LiveKit connection is up. */
  connected: boolean;
  handRaised: boolean;
  canRaiseHand: boolean;
  /** Leaves the room, as its Leave button does. */
  leave: () => void;
  /** Raises or lowers the hand through the API. */
  setHandRaised: (raised: boolean) => Promise<void>;
}

/**
 * The live room's part of the embed API: `joined` once connected, `hand-raised` when the hand
 * changes, and the `leave` and `raise-hand` commands. Does nothing outside `/embed/{id}`.
 */
export function useEmbedRoom(state: EmbedRoomState): void {
  const bridge = useEmbed();
  const { identity, role, connected, handRaised } = state;
  useEffect(() => {
    if (connected) bridge?.joined(identity, role);
  }, [bridge, connected, identity, role]);
  useEffect(() => {
    bridge?.handRaised(handRaised);
  }, [bridge, handRaised]);

  useEmbedCommand('leave', () => state.leave());
  useEmbedCommand(
    'raise-hand',
    (command) => {
      state.setHandRaised(command.data?.raised ?? true).catch(() => {
        bridge?.emit('error', { code: 'failed', command: 'raise-hand' });
      });
    },
    state.canRaiseHand,
  );
}
