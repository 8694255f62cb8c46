// First, so that the shared room classes come before each area's own rules, as in one file.
import './room.css';
import { useTranslation } from 'react-i18next';
import { LiveKitRoomProvider } from '../../livekit/index.js';
import { useEmbedScreens } from '../embed/use-embed-screens.js';
import { LobbyWaitScreen } from './lobby/LobbyWaitScreen.js';
import { PreJoin } from './prejoin/PreJoin.js';
import { RoomSessionContext } from './room-session-context.js';
import { RoomView } from './RoomView.js';
import { StatusScreen } from './screens/StatusScreen.js';
import { useRoomSession } from './useRoomSession.js';

/**
 * `/live/:id`: a status screen (private, not live yet, ended, removed, ...), the pre-join, or
 * the live room, as {@link useRoomSession} decides.
 */
export function RoomPage({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { view, loginHref, join, retry, backToPreJoin } = useRoomSession(sessionId);
  useEmbedScreens(view);
  switch (view.kind) {
    case 'status':
      return (
        <StatusScreen
          screen={view.screen}
          loginHref={loginHref}
          signedIn={view.signedIn}
          onRetry={retry}
          onRejoin={backToPreJoin}
          reportHref={
            view.screen.kind === 'ended' && view.isHost ? `/live/${sessionId}/report` : undefined
          }
          calendar={
            view.screen.kind === 'not_live' && view.screen.scheduledAt && view.title
              ? { sessionId, title: view.title, inviteToken: view.inviteToken }
              : undefined
          }
        />
      );
    case 'loading':
      return (
        <p role="status" className="room-loading">
          {t('room.loading')}
        </p>
      );
    case 'lobby':
      return <LobbyWaitScreen key={view.knock} {...view.props} />;
    case 'room':
      return (
        <RoomSessionContext.Provider value={view.context}>
          <LiveKitRoomProvider
            key={view.connection}
            room={view.earlyRoom}
            fetchConnectionDetails={view.fetchConnectionDetails}
          >
            <RoomView />
          </LiveKitRoomProvider>
        </RoomSessionContext.Provider>
      );
    case 'prejoin':
      return (
        <PreJoin
          {...view.props}
          loginHref={loginHref}
          onJoin={(name, choices) => void join(name, choices)}
        />
      );
  }
}
