import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { JoinResponse } from '@stagecast/contracts';
import type { Room } from 'livekit-client';
import { sessionsApi } from '../../api/endpoints.js';
import { useLocation, useSearchParams } from 'react-router';
import {
  connectEarly,
  createRoom,
  unlockRoomAudio,
  type ConnectionDetails,
} from '../../livekit/index.js';
import { withTimeout } from '../../lib/with-timeout.js';
import { useAuth } from '../auth/auth-context.js';
import { ApiError } from '../../api/client.js';
import { isLobbyWait } from './lobby/lobby-api.js';
import type { LobbyWaitScreenProps } from './lobby/LobbyWaitScreen.js';
import { createMediaIntentStore, type MediaIntent } from './media-intent.js';
import type { RoomSessionContextValue } from './room-session-context.js';
import type { PreJoinProps } from './prejoin/PreJoin.js';
import { willPublishOnJoin } from './roles.js';
import {
  initialRoomPageState,
  isSessionHost,
  rejoinDelay,
  roomPageReducer,
  sessionScreen,
  type BlockedScreen,
} from './room-state.js';
import { useSession } from './useSession.js';

// How often a waiting page asks whether the session went live.
const WAITING_POLL_MS = 10_000;

/**
 * How long a first join keeps the pre-join (joining) on screen while LiveKit's handshake runs;
 * a slower one shows the room view with its connecting banner.
 */
export const FIRST_RENDER_WAIT_MS = 1_500;

/** Which screen the room page shows, with what it needs. */
export type RoomSessionView =
  | { kind: 'loading' }
  | {
      kind: 'status';
      screen: BlockedScreen;
      signedIn: boolean;
      /** The owner or an admin: may read the session's attendance report. */
      isHost: boolean;
      /** The session's title, once it was read (the not-live screen offers its calendar event). */
      title: string | undefined;
      /** The page's `?invite=`, which a private session's calendar link needs. */
      inviteToken: string | undefined;
    }
  | {
      kind: 'prejoin';
      /** The pre-join's props, but for the page's own login link and join. */
      props: Omit<PreJoinProps, 'loginHref' | 'onJoin'>;
    }
  | {
      /** In the session's waiting room (the join answered 202) until a host decides. */
      kind: 'lobby';
      /** A new knock each time (the waiting page's key). */
      knock: number;
      props: LobbyWaitScreenProps;
    }
  | {
      kind: 'room';
      /** The provider's key: a new LiveKit connection for each. */
      connection: number;
      /** The first connection's room, connecting since the join answered. */
      earlyRoom: Room | undefined;
      fetchConnectionDetails: () => Promise<ConnectionDetails>;
      context: RoomSessionContextValue;
    };

export interface RoomSession {
  view: RoomSessionView;
  loginHref: string;
  join: (displayName: string, choices: MediaIntent) => Promise<void>;
  /** Reads the session again and goes back to the pre-join (after a failure). */
  retry: () => void;
  /** Back to the pre-join (after leaving, a full room, or another tab taking over). */
  backToPreJoin: () => void;
}

/**
 * The room page's flow: loads the session (with `?invite=`), joins through the API, connects
 * LiveKit, rejoins with backoff after an unexpected disconnect, and says which screen to show.
 * Every (re)connection asks the API to join again, so each gets a fresh token and the server's
 * current verdict (ended, removed, full) decides what is shown.
 */
export function useRoomSession(sessionId: string): RoomSession {
  const { pathname } = useLocation();
  const [search] = useSearchParams();
  const inviteToken = search.get('invite') || undefined;
  const { user } = useAuth();
  const [state, dispatch] = useReducer(roomPageReducer, initialRoomPageState);
  const [waiting, setWaiting] = useState(false);
  const { session, error, setSession, reload } = useSession(
    sessionId,
    inviteToken,
    user?.id,
    waiting ? WAITING_POLL_MS : undefined,
  );

  // The first connection's room, connecting since the join answered (the provider takes it over).
  const [earlyRoom, setEarlyRoom] = useState<Room | undefined>(undefined);
  useEffect(() => () => void earlyRoom?.disconnect(), [earlyRoom]);
  // That room until the room view is rendered: disconnected if the page goes first.
  const connecting = useRef<Room | undefined>(undefined);
  useEffect(
    () => () => {
      void connecting.current?.disconnect();
      connecting.current = undefined;
    },
    [],
  );
  // A room made while the pre-join is on screen, so the click only has to connect it.
  const spareRoom = useRef<Room | undefined>(undefined);
  useEffect(() => {
    if (state.phase === 'prejoin') spareRoom.current ??= createRoom();
  }, [state.phase]);
  const joinBody = useRef<{ display_name?: string; invite_token?: string }>({});
  const firstJoin = useRef<JoinResponse | undefined>(undefined);
  const [intent] = useState(createMediaIntentStore);
  // Set while the waiting room holds us: where to wait, and how to join again once let in.
  const [lobby, setLobby] = useState<
    { knock: number; waitUrl: string; displayName: string; choices: MediaIntent } | undefined
  >(undefined);

  const join = useCallback(
    async (displayName: string, choices: MediaIntent) => {
      joinBody.current = { display_name: displayName || undefined, invite_token: inviteToken };
      intent.set(choices);
      dispatch({ type: 'join_started' });
      try {
        const answering = sessionsApi.join(sessionId, joinBody.current);
        // Still in the click (a user gesture), while the request is out.
        if (spareRoom.current) unlockRoomAudio(spareRoom.current);
        const answer = await answering;
        if (isLobbyWait(answer)) {
          const knock = Date.now();
          setLobby({ knock, waitUrl: answer.wait_url, displayName, choices });
          dispatch({ type: 'reset' });
          return;
        }
        setLobby(undefined);
        const joined = answer;
        firstJoin.current = joined;
        // LiveKit's handshake starts now, with the first video taken as it arrives; the room
        // view renders once the handshake is over (or has taken FIRST_RENDER_WAIT_MS): rendered
        // during it, on the same main thread, it held up the handshake's steps.
        const { room, settled } = connectEarly(joined, spareRoom.current);
        spareRoom.current = undefined;
        connecting.current = room;
        await withTimeout(settled, FIRST_RENDER_WAIT_MS, 'connect').catch(() => undefined);
        if (connecting.current !== room) return;
        connecting.current = undefined;
        // Not a transition: by now the picture waits for this render alone, so it goes at once.
        setEarlyRoom(room);
        dispatch({ type: 'joined', join: joined });
      } catch (cause) {
        setLobby(undefined);
        dispatch({ type: 'join_failed', error: cause });
      }
    },
    [sessionId, inviteToken, intent],
  );

  // The first connection uses the token the join button just got; every later one joins again.
  const fetchConnectionDetails = useCallback(async () => {
    const ready = firstJoin.current;
    firstJoin.current = undefined;
    if (ready) return ready;
    const joined = await sessionsApi.join(sessionId, joinBody.current);
    // Admitted once, a participant is not sent back to the waiting room; should it happen, the
    // page treats it as a refusal rather than connect without a token.
    if (isLobbyWait(joined)) throw new ApiError(403, 'FORBIDDEN', joined.message);
    dispatch({ type: 'refreshed', join: joined });
    return joined;
  }, [sessionId]);

  const rejoinAttempt = state.phase === 'room' && state.rejoin?.waiting ? state.rejoin.attempt : 0;
  useEffect(() => {
    if (rejoinAttempt === 0) return;
    const timer = setTimeout(() => dispatch({ type: 'rejoin_due' }), rejoinDelay(rejoinAttempt));
    return () => clearTimeout(timer);
  }, [rejoinAttempt]);

  const isHost = session ? isSessionHost(session, user) : false;
  const screen =
    state.phase === 'blocked'
      ? state.screen
      : state.phase === 'prejoin'
        ? sessionScreen(session, error, isHost)
        : undefined;

  const isWaiting = screen?.kind === 'not_live';
  useEffect(() => setWaiting(isWaiting), [isWaiting]);
  // A join refused as "not live yet" clears once the session goes live.
  const wentLive =
    state.phase === 'blocked' && state.screen.kind === 'not_live' && session?.status === 'live';
  useEffect(() => {
    if (wentLive) dispatch({ type: 'reset' });
  }, [wentLive]);

  const roomState = state.phase === 'room' ? state : undefined;
  const context = useMemo<RoomSessionContextValue | undefined>(
    () =>
      roomState && session
        ? {
            session,
            inviteToken,
            join: roomState.join,
            connection: roomState.connection,
            rejoining: roomState.rejoin !== undefined,
            intent,
            report: dispatch,
            block: (blocked) => dispatch({ type: 'blocked', screen: blocked }),
            setSession,
          }
        : undefined,
    [roomState, session, inviteToken, intent, setSession],
  );

  const query = search.toString();
  const loginHref = `/login?next=${encodeURIComponent(query ? `${pathname}?${query}` : pathname)}`;
  const retry = useCallback(() => {
    reload();
    dispatch({ type: 'reset' });
  }, [reload]);
  const backToPreJoin = useCallback(() => dispatch({ type: 'reset' }), []);

  let view: RoomSessionView;
  if (user !== undefined && screen) {
    view = {
      kind: 'status',
      screen,
      signedIn: user !== null,
      isHost,
      title: session?.title,
      inviteToken,
    };
  } else if (user === undefined || !session) view = { kind: 'loading' };
  else if (lobby && state.phase === 'prejoin')
    view = {
      kind: 'lobby',
      knock: lobby.knock,
      props: {
        waitUrl: lobby.waitUrl,
        displayName: lobby.displayName,
        onOutcome: (outcome) => {
          if (outcome === 'again') void join(lobby.displayName, lobby.choices);
          else {
            setLobby(undefined);
            dispatch({
              type: 'blocked',
              screen: { kind: outcome === 'denied' ? 'lobby_denied' : 'ended' },
            });
          }
        },
      },
    };
  else if (roomState && context)
    view = {
      kind: 'room',
      connection: roomState.connection,
      earlyRoom: roomState.connection === 0 ? earlyRoom : undefined,
      fetchConnectionDetails,
      context,
    };
  else
    view = {
      kind: 'prejoin',
      props: {
        session,
        user,
        isHost,
        publishes: willPublishOnJoin(session, user),
        joining: state.phase === 'prejoin' && state.joining,
        problem: state.phase === 'prejoin' ? state.problem : undefined,
      },
    };
  return { view, loginHref, join, retry, backToPreJoin };
}
