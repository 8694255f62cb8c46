import { useEffect, useRef, useState } from 'react';
import { ConnectionState } from 'livekit-client';
import { ScreenShare, Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ariaKeyShortcut, isApplePlatform, shortcutLabel } from '../../../lib/media-shortcuts.js';
import { useLiveKitMedia, useLiveKitRoom, type MediaControlError } from '../../../livekit/index.js';
import { useEmbedCommand } from '../../embed/embed-context.js';
import { SettingsDialog } from '../../settings/SettingsDialog.js';
import type { MediaIntent } from '../media-intent.js';
import { useRoomSessionContext } from '../room-session-context.js';
import { ControlButton } from './ControlButton.js';
import { DeviceToggle } from './DeviceToggle.js';
import { ToggleButton } from './ToggleButton.js';
import { useMediaShortcuts } from './useMediaShortcuts.js';
import { RoomError } from '../RoomError.js';

// Closing the browser's screen picker reports as a denied permission: not worth an alert.
const cancelledPicker = (error: MediaControlError) =>
  error.source === 'screen_share' && error.reason === 'permission_denied';

const canShareScreen = () =>
  typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function';

/**
 * Microphone, camera and screen share toggles and the full settings dialog, for roles that
 * publish, with the microphone and camera shortcuts. Mounted only for them, so a viewer's page
 * never touches a device.
 */
export function PublisherControls() {
  const { t } = useTranslation();
  const { state } = useLiveKitRoom();
  const { intent } = useRoomSessionContext();
  const media = useLiveKitMedia();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { setCameraEnabled, setMicrophoneEnabled } = media;
  // Whether the intent was applied to this connection yet (the room view is per connection).
  const applied = useRef(false);
  const [apple] = useState(isApplePlatform);

  // Once connected, publish what the pre-join (or the connection before a rejoin) had on.
  useEffect(() => {
    if (state !== ConnectionState.Connected || applied.current) return;
    applied.current = true;
    const { microphone, camera } = intent.get();
    // One after the other, so a browser asking for both shows one prompt at a time.
    void (async () => {
      if (microphone) await setMicrophoneEnabled(true);
      if (camera) await setCameraEnabled(true);
    })();
  }, [state, intent, setCameraEnabled, setMicrophoneEnabled]);

  const published: MediaIntent = {
    microphone: media.isMicrophoneEnabled,
    camera: media.isCameraEnabled,
  };
  const toggle = (kind: keyof MediaIntent) => {
    if (media.pending[kind]) return;
    const enabled = published[kind];
    intent.set({ ...intent.get(), [kind]: !enabled });
    void (kind === 'camera' ? setCameraEnabled(!enabled) : setMicrophoneEnabled(!enabled));
  };
  useMediaShortcuts({ microphone: () => toggle('microphone'), camera: () => toggle('camera') });
  // The host page's toggles (embedded room): the buttons' own action.
  useEmbedCommand('toggle-microphone', () => toggle('microphone'));
  useEmbedCommand('toggle-camera', () => toggle('camera'));

  return (
    <>
      {(['microphone', 'camera'] as const).map((kind) => (
        <DeviceToggle
          key={kind}
          kind={kind}
          testId={`toggle-${kind}`}
          pressed={published[kind]}
          disabled={media.pending[kind]}
          title={`${t(`room.controls.${kind}`)} (${shortcutLabel(kind, apple)})`}
          keyShortcut={ariaKeyShortcut(kind, apple)}
          onClick={() => toggle(kind)}
        />
      ))}
      <ToggleButton
        testId="toggle-screen-share"
        label={t('room.controls.screenShare')}
        icon={ScreenShare}
        pressed={media.isScreenShareEnabled}
        disabled={media.pending.screen_share || !canShareScreen()}
        title={canShareScreen() ? undefined : t('room.controls.screenShareUnsupported')}
        onClick={() => void media.toggleScreenShare()}
      />
      <ControlButton
        testId="open-settings"
        icon={Settings}
        label={t('room.controls.settings')}
        onClick={() => setSettingsOpen(true)}
      />
      {media.error && !cancelledPicker(media.error) && (
        <RoomError className="room-controls-error">
          {t(`room.media.${media.error.reason}`, {
            source: t(`room.media.sources.${media.error.source}`),
          })}
        </RoomError>
      )}
      <SettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        microphoneTrack={media.microphoneTrack}
      />
    </>
  );
}
