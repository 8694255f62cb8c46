import { useEffect, useRef, type RefObject } from 'react';
import { RoomAudioRenderer } from '@livekit/components-react';
import type { JoinResponse, Session } from '@stagecast/contracts';
import { ConnectionState } from 'livekit-client';
import { useTranslation } from 'react-i18next';
import { useLiveKitRoom } from '../../livekit/index.js';
import { ChatPanel } from './chat/ChatPanel.js';
import { ControlsBar } from './controls/ControlsBar.js';
import type { MediaIntent } from './media-intent.js';
import { ParticipantsPanel } from './participants/ParticipantsPanel.js';
import { useParticipantsModel } from './participants/useParticipantsModel.js';
import { canModerate, canPublish } from './roles.js';
import type { RoomPageEvent } from './room-state.js';
import { RecordingBadge } from './RecordingBadge.js';
import { RoomHeader } from './RoomHeader.js';
import { SidePanel } from './SidePanel.js';
import { Stage } from './stage/Stage.js';
import { StartAudioButton } from './StartAudioButton.js';
import { useConnectionEvents } from './useConnectionEvents.js';
import { useLocalRole } from './useLocalRole.js';

export interface RoomViewProps {
  session: Session;
  inviteToken: string | undefined;
  join: JoinResponse;
  connection: number;
  /** True while waiting to rejoin after an unexpected disconnect. */
  rejoining: boolean;
  intent: RefObject<MediaIntent>;
  dispatch: (event: RoomPageEvent) => void;
  onSessionChange: (session: Session) => void;
}

/** The live room, inside a `LiveKitRoomProvider`: stage, chat, participants and controls. */
export function RoomView(props: RoomViewProps) {
  const { session, join, intent, dispatch } = props;
  const { t } = useTranslation();
  const { state, reconnecting } = useLiveKitRoom();
  useConnectionEvents({
    sessionId: session.session_id,
    inviteToken: props.inviteToken,
    connection: props.connection,
    dispatch,
  });
  const role = useLocalRole(join.role);
  const model = useParticipantsModel(session.session_id);
  const applied = useRef(false);

  // A demotion stops our tracks; a later promotion starts with everything off.
  useEffect(() => {
    if (!canPublish(role)) intent.current = { camera: false, microphone: false };
  }, [role, intent]);

  const self = model.rows.find((row) => row.identity === join.identity);
  const hands = model.rows.filter((row) => row.handRaised).length;
  return (
    <div className="room" data-role={role}>
      {(reconnecting || props.rejoining) && (
        <div role="status" className="room-banner" data-testid="reconnecting-banner">
          {t('room.reconnecting')}
        </div>
      )}
      {state === ConnectionState.Connecting && !props.rejoining && (
        <div role="status" className="room-banner room-banner--quiet">
          {t('room.connecting')}
        </div>
      )}
      <RoomHeader session={session} role={role} />
      <RecordingBadge />
      <div className="room-body">
        <Stage />
        <SidePanel
          label={t('room.side.label')}
          tabs={[
            {
              id: 'chat',
              label: t('room.chat.title'),
              content: <ChatPanel sessionId={session.session_id} canDelete={canModerate(role)} />,
            },
            {
              id: 'people',
              label:
                hands > 0 ? t('room.people.titleWithHands', { n: hands }) : t('room.people.title'),
              content: (
                <ParticipantsPanel
                  sessionId={session.session_id}
                  model={model}
                  role={role}
                  identity={join.identity}
                />
              ),
            },
          ]}
        />
      </div>
      <ControlsBar
        session={session}
        role={role}
        handRaised={self?.handRaised ?? false}
        setHandRaised={model.setHandRaised}
        intent={intent}
        applied={applied}
        onLeave={() => dispatch({ type: 'blocked', screen: { kind: 'left' } })}
        onSessionChange={props.onSessionChange}
        onEnded={() => dispatch({ type: 'blocked', screen: { kind: 'ended' } })}
      />
      <RoomAudioRenderer />
      <StartAudioButton />
    </div>
  );
}
