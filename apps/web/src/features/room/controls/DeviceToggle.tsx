import { Mic, MicOff, Video, VideoOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MediaIntent } from '../media-intent.js';
import { ToggleButton } from './ToggleButton.js';
import type { ToggleButtonProps } from './ToggleButton.js';

const ICONS = {
  microphone: { on: Mic, off: MicOff },
  camera: { on: Video, off: VideoOff },
} as const;

/** The microphone or the camera toggle, in the room's bar and on the pre-join: red while off. */
export function DeviceToggle({
  kind,
  ...props
}: Omit<ToggleButtonProps, 'label' | 'icon' | 'offIcon' | 'variant'> & {
  kind: keyof MediaIntent;
}) {
  const { t } = useTranslation();
  return (
    <ToggleButton
      {...props}
      label={t(`room.controls.${kind}`)}
      variant="device"
      icon={ICONS[kind].on}
      offIcon={ICONS[kind].off}
    />
  );
}
