import { useState } from 'react';
import { RoomAudioRenderer } from '@livekit/components-react';
import { ConnectionState } from 'livekit-client';
import { useTranslation } from 'react-i18next';
import { useFirstPicture, useLiveKitRoom } from '../../livekit/index.js';
import { useEmbedRoom } from '../embed/use-embed-room.js';
import { ControlsFrame } from './controls/ControlsBar.js';
import { RoomChrome } from './RoomChrome.js';
import { RoomHeader } from './RoomHeader.js';
import { useRoomSessionContext } from './room-session-context.js';
import { Stage } from './stage/Stage.js';
import { useConnectionEvents } from './useConnectionEvents.js';
import { useLocalRole } from './useLocalRole.js';

/**
 * How long the chrome waits for the first picture at most (a slow network, a camera that never
 * sends): then it mounts anyway.
 */
export const CHROME_WAIT_MS = 2_000;

/**
 * The live room, inside a `LiveKitRoomProvider`: header, stage and audio at once; the rest
 * ({@link RoomChrome}: side panel, the role's controls, toasts, the start-audio button) once the
 * first picture is shown, with Leave alone until then. Mounted together, their rendering held up
 * LiveKit's handshake on the main thread: the picture came ~50 % later than on a bare
 * livekit-client page. On a rejoin nothing waits.
 */
export function RoomView() {
  const { session, join, rejoining, block, connection } = useRoomSessionContext();
  const { t } = useTranslation();
  const { state, reconnecting } = useLiveKitRoom();
  useConnectionEvents();
  const role = useLocalRole(join.role);
  const pictureShown = useFirstPicture({ capMs: CHROME_WAIT_MS, initially: connection > 0 });
  // The chrome's places in the layout, so that mounting it later moves nothing else.
  const [top, setTop] = useState<HTMLElement | null>(null);
  const [side, setSide] = useState<HTMLElement | null>(null);
  const [bottom, setBottom] = useState<HTMLElement | null>(null);
  const leave = () => block({ kind: 'left' });
  useEmbedRoom({
    identity: join.identity,
    role,
    connected: state === ConnectionState.Connected,
    leave,
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
      <div ref={setTop} className="room-slot" />
      <div className="room-body">
        <Stage />
        <div ref={setSide} className="room-slot" />
      </div>
      {!pictureShown && <ControlsFrame onLeave={leave} />}
      <div ref={setBottom} className="room-slot" />
      {pictureShown && top && side && bottom && (
        <RoomChrome slots={{ top, side, bottom }} role={role} onLeave={leave} />
      )}
      <RoomAudioRenderer />
    </div>
  );
}
