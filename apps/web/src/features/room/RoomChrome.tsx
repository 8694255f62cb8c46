import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { SessionRole } from '@stagecast/contracts';
import { ChartBar, MessageCircleQuestionMark, MessageSquare, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEmbedHand } from '../embed/use-embed-room.js';
import { ChatPanel } from './chat/ChatPanel.js';
import { ControlsBar } from './controls/ControlsBar.js';
import { LobbyPanel } from './lobby/LobbyPanel.js';
import { NOTHING_ON } from './media-intent.js';
import { HandsBadge } from './participants/HandsBadge.js';
import { ParticipantsPanel } from './participants/ParticipantsPanel.js';
import { useParticipantsModel } from './participants/useParticipantsModel.js';
import { PollsPanel } from './polls/PollsPanel.js';
import { QuestionsPanel } from './qa/QuestionsPanel.js';
import { RecordingBadge } from './RecordingBadge.js';
import { useRoomSessionContext } from './room-session-context.js';
import { canModerate, canPublish, canRaiseHand } from './roles.js';
import { SidePanel } from './SidePanel.js';
import { StartAudioButton } from './StartAudioButton.js';
import { ToastRegion } from './toasts/ToastRegion.js';
import { useRoomToasts } from './toasts/useRoomToasts.js';

/** Where the room view keeps a place for each part of its chrome (see {@link RoomChrome}). */
export interface RoomChromeSlots {
  /** After the header: the recording badge and the waiting room. */
  top: HTMLElement;
  /** Beside (wide) or below (narrow) the stage: the side panel. */
  side: HTMLElement;
  /** After the body: the controls, the toasts and the start-audio button. */
  bottom: HTMLElement;
}

/**
 * Everything of the live room but its header, stage and audio: the side panel (chat, people,
 * polls, Q&A), the role's controls, toasts, the start-audio button (should the browser block
 * sound), the recording badge and the waiting room, with the participants model they share.
 * The room view mounts it once the first picture is shown and renders it into the places it
 * keeps for it, so the stage is never mounted again.
 */
export function RoomChrome({
  slots,
  role,
  onLeave,
}: {
  slots: RoomChromeSlots;
  role: SessionRole;
  onLeave: () => void;
}) {
  const { session, join, intent } = useRoomSessionContext();
  const { t } = useTranslation();
  const model = useParticipantsModel(session.session_id);

  // A demotion stops our tracks; a later promotion starts with everything off.
  useEffect(() => {
    if (!canPublish(role)) intent.set(NOTHING_ON);
  }, [role, intent]);

  const self = model.rows.find((row) => row.identity === join.identity);
  const handRaised = self?.handRaised ?? false;
  const { toasts, dismiss } = useRoomToasts(model.rows, role);
  const hands = model.rows.filter((row) => row.handRaised).length;
  useEmbedHand({
    handRaised,
    canRaiseHand: canRaiseHand(role),
    setHandRaised: model.setHandRaised,
  });
  const moderator = canModerate(role);
  const sessionId = session.session_id;
  return (
    <>
      {createPortal(
        <>
          <RecordingBadge />
          {moderator && <LobbyPanel sessionId={sessionId} />}
        </>,
        slots.top,
      )}
      {createPortal(
        <SidePanel
          label={t('room.side.label')}
          tabs={[
            {
              id: 'chat',
              icon: MessageSquare,
              label: t('room.chat.title'),
              content: <ChatPanel sessionId={sessionId} canDelete={moderator} />,
            },
            {
              id: 'people',
              icon: Users,
              label: t('room.people.title'),
              badge: <HandsBadge hands={hands} />,
              content: (
                <ParticipantsPanel
                  sessionId={sessionId}
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
              content: <PollsPanel sessionId={sessionId} moderator={moderator} />,
            },
            {
              id: 'qa',
              icon: MessageCircleQuestionMark,
              label: t('classroom.qa.title'),
              content: <QuestionsPanel sessionId={sessionId} moderator={moderator} />,
            },
          ]}
        />,
        slots.side,
      )}
      {createPortal(
        <>
          <ControlsBar
            role={role}
            handRaised={handRaised}
            setHandRaised={model.setHandRaised}
            onLeave={onLeave}
          />
          <ToastRegion toasts={toasts} onDismiss={dismiss} />
          <StartAudioButton />
        </>,
        slots.bottom,
      )}
    </>
  );
}
