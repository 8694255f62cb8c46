import { useEffect } from 'react';
import { RoomAudioRenderer } from '@livekit/components-react';
import { ConnectionState } from 'livekit-client';
import { ChartBar, MessageCircleQuestionMark, MessageSquare, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLiveKitRoom } from '../../livekit/index.js';
import { useEmbedRoom } from '../embed/use-embed-room.js';
import { ChatPanel } from './chat/ChatPanel.js';
import { LobbyPanel } from './lobby/LobbyPanel.js';
import { ControlsBar } from './controls/ControlsBar.js';
import { NOTHING_ON } from './media-intent.js';
import { HandsBadge } from './participants/HandsBadge.js';
import { ParticipantsPanel } from './participants/ParticipantsPanel.js';
import { PollsPanel } from './polls/PollsPanel.js';
import { QuestionsPanel } from './qa/QuestionsPanel.js';
import { useParticipantsModel } from './participants/useParticipantsModel.js';
import { canModerate, canPublish, canRaiseHand } from './roles.js';
import { RecordingBadge } from './RecordingBadge.js';
import { RoomHeader } from './RoomHeader.js';
import { useRoomSessionContext } from './room-session-context.js';
import { SidePanel } from './SidePanel.js';
import { Stage } from './stage/Stage.js';
import { StartAudioButton } from './StartAudioButton.js';
import { ToastRegion } from './toasts/ToastRegion.js';
import { useRoomToasts } from './toasts/useRoomToasts.js';
import { useConnectionEvents } from './useConnectionEvents.js';
import { useLocalRole } from './useLocalRole.js';

/** The live room, inside a `LiveKitRoomProvider`: stage, chat, participants and controls. */
export function RoomView() {
  const { session, join, intent, rejoining, block } = useRoomSessionContext();
  const { t } = useTranslation();
  const { state, reconnecting } = useLiveKitRoom();
  useConnectionEvents();
  const role = useLocalRole(join.role);
  const model = useParticipantsModel(session.session_id);

  // A demotion stops our tracks; a later promotion starts with everything off.
  useEffect(() => {
    if (!canPublish(role)) intent.set(NOTHING_ON);
  }, [role, intent]);

  const self = model.rows.find((row) => row.identity === join.identity);
  const { toasts, dismiss } = useRoomToasts(model.rows, role);
  const hands = model.rows.filter((row) => row.handRaised).length;
  const leave = () => block({ kind: 'left' });
  useEmbedRoom({
    identity: join.identity,
    role,
    connected: state === ConnectionState.Connected,
    handRaised: self?.handRaised ?? false,
    canRaiseHand: canRaiseHand(role),
    leave,
    setHandRaised: model.setHandRaised,
  });
  return (
    <div className="room" data-role={role}>
      {(reconnecting || rejoining) && (
        <div role="status" className="room-banner" data-testid="reconnecting-banner">
          {t('room.reconnecting')}
        </div>
      )}
      {state === ConnectionState.Connecting && !rejoining && (
        <div role="status" className="room-banner room-banner--quiet">
          {t('room.connecting')}
        </div>
      )}
      <RoomHeader session={session} role={role} />
      <RecordingBadge />
      {canModerate(role) && <LobbyPanel sessionId={session.session_id} />}
      <div className="room-body">
        <Stage />
        <SidePanel
          label={t('room.side.label')}
          tabs={[
            {
              id: 'chat',
              icon: MessageSquare,
              label: t('room.chat.title'),
              content: <ChatPanel sessionId={session.session_id} canDelete={canModerate(role)} />,
            },
            {
              id: 'people',
              icon: Users,
              label: t('room.people.title'),
              badge: <HandsBadge hands={hands} />,
              content: (
                <ParticipantsPanel
                  sessionId={session.session_id}
                  model={model}
                  role={role}
                  identity={join.identity}
                />
              ),
            },
            {
              id: 'polls',
              icon: ChartBar,
              label: t('classroom.polls.title'),
              content: <PollsPanel sessionId={session.session_id} moderator={canModerate(role)} />,
            },
            {
              id: 'qa',
              icon: MessageCircleQuestionMark,
              label: t('classroom.qa.title'),
              content: (
                <QuestionsPanel sessionId={session.session_id} moderator={canModerate(role)} />
              ),
            },
          ]}
        />
      </div>
      <ControlsBar
        role={role}
        handRaised={self?.handRaised ?? false}
        setHandRaised={model.setHandRaised}
        onLeave={leave}
      />
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
      <RoomAudioRenderer />
      <StartAudioButton />
    </div>
  );
}
