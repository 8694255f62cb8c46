import { startTransition, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { JoinResponse } from '@stagecast/contracts';
import type { Room } from 'livekit-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { sessionsApi } from '../../api/endpoints.js';
import { connectEarly, createRoom, LiveKitRoomProvider } from '../../livekit/index.js';
import { useAuth } from '../auth/auth-context.js';
import type { MediaIntent } from './media-intent.js';
import { PreJoin } from './prejoin/PreJoin.js';
import { willPublishOnJoin } from './roles.js';
import {
  initialRoomPageState,
  isSessionHost,
  rejoinDelay,
  roomPageReducer,
  sessionScreen,
} from './room-state.js';
import { RoomView } from './RoomView.js';
import { StatusScreen } from './screens/StatusScreen.js';
import { useSession } from './useSession.js';
import './room.css';

// How often a waiting page asks whether the session went live.
const WAITING_POLL_MS = 10_000;

/**
 * `/live/:id`: loads the session (with `?invite=` for private ones), shows the pre-join, then
 * the live room. Every (re)connection asks the API to join again, so each gets a fresh token
 * and the server's current verdict (ended, removed, full) decides what is shown.
 */
export function RoomPage({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
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
  // A room made while the pre-join is on screen, so the click only has to connect it.
  const spareRoom = useRef<Room | undefined>(undefined);
  useEffect(() => {
    if (state.phase === 'prejoin') spareRoom.current ??= createRoom();
  }, [state.phase]);
  const joinBody = useRef<{ display_name?: string; invite_token?: string }>({});
  const firstJoin = useRef<JoinResponse | undefined>(undefined);
  const intent = useRef<MediaIntent>({ camera: false, microphone: false });

  const join = useCallback(
    async (displayName: string, choices: MediaIntent) => {
      joinBody.current = { display_name: displayName || undefined, invite_token: inviteToken };
      intent.current = choices;
      dispatch({ type: 'join_started' });
      try {
        const joined = await sessionsApi.join(sessionId, joinBody.current);
        firstJoin.current = joined;
        // LiveKit's handshake starts now and runs while the room view renders; that render is a
        // transition, so React yields to the handshake's steps instead of holding them up.
        const room = connectEarly(joined, spareRoom.current);
        spareRoom.current = undefined;
        startTransition(() => {
          setEarlyRoom(room);
          dispatch({ type: 'joined', join: joined });
        });
      } catch (cause) {
        dispatch({ type: 'join_failed', error: cause });
      }
    },
    [sessionId, inviteToken],
  );

  // The first connection uses the token the join button just got; every later one joins again.
  const fetchConnectionDetails = useCallback(async () => {
    const ready = firstJoin.current;
    firstJoin.current = undefined;
    if (ready) return ready;
    const joined = await sessionsApi.join(sessionId, joinBody.current);
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

  const query = search.toString();
  const loginHref = `/login?next=${encodeURIComponent(query ? `${pathname}?${query}` : pathname)}`;

  if (user !== undefined && screen) {
    return (
      <StatusScreen
        screen={screen}
        loginHref={loginHref}
        signedIn={user !== null}
        onRetry={() => {
          reload();
          dispatch({ type: 'reset' });
        }}
        onRejoin={() => dispatch({ type: 'reset' })}
      />
    );
  }
  if (user === undefined || !session) {
    return (
      <p role="status" className="room-loading">
        {t('room.loading')}
      </p>
    );
  }
  if (state.phase === 'room') {
    return (
      <LiveKitRoomProvider
        key={state.connection}
        room={state.connection === 0 ? earlyRoom : undefined}
        fetchConnectionDetails={fetchConnectionDetails}
      >
        <RoomView
          session={session}
          inviteToken={inviteToken}
          join={state.join}
          connection={state.connection}
          rejoining={state.rejoin !== undefined}
          intent={intent}
          dispatch={dispatch}
          onSessionChange={setSession}
        />
      </LiveKitRoomProvider>
    );
  }
  return (
    <PreJoin
      session={session}
      user={user}
      isHost={isHost}
      publishes={willPublishOnJoin(session, user)}
      loginHref={loginHref}
      joining={state.phase === 'prejoin' && state.joining}
      problem={state.phase === 'prejoin' ? state.problem : undefined}
      onJoin={(name, choices) => void join(name, choices)}
    />
  );
}
