import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { useParticipants } from '@livekit/components-react';
import type { Participant as LiveKitParticipant } from 'livekit-client';
import type { Participant } from '@stagecast/contracts';
import { sessionsApi } from '../../../api/endpoints.js';
import { useConnectedOnce, useParticipantChanges } from '../../../livekit/index.js';
import { PACKETS } from '../data-packets.js';
import { usePackets } from '../usePackets.js';
import {
  handsReducer,
  noHands,
  participantRows,
  type ParticipantRowModel,
} from './participants-state.js';

// Joins and leaves come in bursts (a class arriving): one list request per burst.
const REFRESH_DELAY_MS = 400;

export interface ParticipantsModel {
  rows: ParticipantRowModel[];
  /** LiveKit's participant per identity, for live details such as connection quality. */
  byIdentity: ReadonlyMap<string, LiveKitParticipant>;
  /** Reads the API list again (after a moderation action). */
  refresh: () => void;
  /** Raises or lowers the local participant's hand through the API. */
  setHandRaised: (raised: boolean) => Promise<void>;
}

/**
 * Who is in the room: LiveKit's participants (live, with their `role` attribute), the API's
 * list (read once connected, again when people join, leave or change role) and raised hands
 * (live on topic `hand`).
 */
export function useParticipantsModel(sessionId: string): ParticipantsModel {
  const live = useParticipants();
  const [api, setApi] = useState<readonly Participant[]>([]);
  const [hands, dispatchHands] = useReducer(handsReducer, noHands);

  const load = useCallback(
    async (isCancelled: () => boolean) => {
      const requestedAt = Date.now();
      try {
        const { participants } = await sessionsApi.participants(sessionId);
        if (isCancelled()) return;
        setApi(participants);
        dispatchHands({ type: 'list', requestedAt, participants });
      } catch {
        // The live list still shows everyone; hands catch up on the next change.
      }
    },
    [sessionId],
  );

  const connected = useConnectedOnce();
  // Bumped when people join, leave or change role: one list request per burst of them.
  const [changes, setChanges] = useState(0);
  useParticipantChanges(() => setChanges((n) => n + 1), connected);
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    // The first read at once; later ones once a burst of changes settled.
    const timer =
      changes === 0 ? undefined : setTimeout(() => void load(() => cancelled), REFRESH_DELAY_MS);
    if (changes === 0) void load(() => cancelled);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [load, connected, changes]);

  usePackets(PACKETS.hand, (packet) =>
    dispatchHands({ type: 'packet', at: Date.now(), ...packet }),
  );

  const rows = useMemo(
    () =>
      participantRows(
        live.map((participant) => ({
          identity: participant.identity,
          name: participant.name,
          role: participant.attributes.role,
          isLocal: participant.isLocal,
        })),
        api,
        hands,
      ),
    [live, api, hands],
  );
  const byIdentity = useMemo(
    () => new Map(live.map((participant) => [participant.identity, participant])),
    [live],
  );

  const refresh = useCallback(() => void load(() => false), [load]);
  const setHandRaised = useCallback(
    async (raised: boolean) => {
      const { participant } = await sessionsApi.hand(sessionId, raised);
      dispatchHands({ type: 'packet', at: Date.now(), identity: participant.identity, raised });
    },
    [sessionId],
  );

  return { rows, byIdentity, refresh, setHandRaised };
}
