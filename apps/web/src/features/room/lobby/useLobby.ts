import { useCallback, useEffect, useState } from 'react';
import { LOBBY_TOPIC, lobbyDataPacketSchema } from '@stagecast/contracts';
import type { LobbyEntry } from '@stagecast/contracts';
import { useDataTopic } from '../../../livekit/index.js';
import { playLobbyChime } from './lobby-chime.js';
import { lobbyApi } from './lobby-api.js';

// The list is read again this often anyway, in case a notice was lost.
const POLL_MS = 15_000;

/**
 * The waiting room as a host or co-host sees it: read from the API, and again whenever the
 * server says it changed (LiveKit data, topic `lobby`, sent to moderators only); a new knock
 * chimes and is announced. Decisions go through the API.
 */
export function useLobby(sessionId: string) {
  const [waiting, setWaiting] = useState<LobbyEntry[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setWaiting((await lobbyApi.list(sessionId)).waiting);
    } catch {
      // Not a moderator (any more), or the API is away: the next notice or poll tries again.
    }
  }, [sessionId]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  useDataTopic(LOBBY_TOPIC, (payload) => {
    let packet;
    try {
      packet = lobbyDataPacketSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    } catch {
      return;
    }
    if (!packet.success) return;
    if (packet.data.knocked !== undefined) {
      playLobbyChime();
      setAnnouncement(packet.data.knocked);
    }
    void refresh();
  });

  const act = useCallback(
    async (call: () => Promise<unknown>) => {
      setFailed(false);
      try {
        await call();
      } catch {
        setFailed(true);
      }
      await refresh();
    },
    [refresh],
  );

  return {
    waiting,
    /** The name of the last one who knocked, for the live region. */
    announcement,
    failed,
    admit: (userId: string) => act(() => lobbyApi.admit(sessionId, userId)),
    deny: (userId: string) => act(() => lobbyApi.deny(sessionId, userId)),
    admitAll: () => act(() => lobbyApi.admitAll(sessionId)),
    denyAll: () => act(() => lobbyApi.denyAll(sessionId)),
  };
}
