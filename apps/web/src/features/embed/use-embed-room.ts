import { useEffect } from 'react';
import type { SessionRole } from '@stagecast/contracts';
import { useEmbed, useEmbedCommand } from './embed-context.js';

export interface EmbedRoomState {
  identity: string;
  role: SessionRole;
  /** The LiveKit connection is up. */
  connected: boolean;
  /** Leaves the room, as its Leave button does. */
  leave: () => void;
}

/**
 * The live room's part of the embed API: `joined` once connected and the `leave` command (from
 * the moment the room shows). Does nothing outside `/embed/{id}`.
 */
export function useEmbedRoom(state: EmbedRoomState): void {
  const bridge = useEmbed();
  const { identity, role, connected } = state;
  useEffect(() => {
    if (connected) bridge?.joined(identity, role);
  }, [bridge, connected, identity, role]);
  useEmbedCommand('leave', () => state.leave());
}

export interface EmbedHandState {
  handRaised: boolean;
  canRaiseHand: boolean;
  /** Raises or lowers the hand through the API. */
  setHandRaised: (raised: boolean) => Promise<void>;
}

/** The embed API's hand: `hand-raised` when it changes, and the `raise-hand` command. */
export function useEmbedHand(state: EmbedHandState): void {
  const bridge = useEmbed();
  const { handRaised } = state;
  useEffect(() => {
    bridge?.handRaised(handRaised);
  }, [bridge, handRaised]);
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
