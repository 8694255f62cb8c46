import type { LucideIcon } from 'lucide-react';

export interface ToggleButtonProps {
  testId: string;
  /** The control's name; it stays the same whichever state it is in. */
  label: string;
  pressed: boolean;
  disabled?: boolean | undefined;
  /** Shown while pressed (on). */
  icon: LucideIcon;
  /** Shown while not pressed (off), if it differs: a crossed-out microphone, say. */
  offIcon?: LucideIcon | undefined;
  /** How it looks: a device (red while off), the hand (amber while up), recording, or plain. */
  variant?: 'device' | 'hand' | 'recording' | 'plain';
  /** A tooltip: why it is disabled, or its keyboard shortcut. */
  title?: string | undefined;
  /** `aria-keyshortcuts`, e.g. `Control+D`. */
  keyShortcut?: string | undefined;
  onClick: () => void;
}

/**
 * An on/off control (microphone, camera, screen share, hand, recording): `aria-pressed` says
 * which, and its icon and colour show it. Its label stays, visually hidden on narrow screens
 * where the bar shows icons only.
 */
export function ToggleButton(props: ToggleButtonProps) {
  const Icon = props.pressed ? props.icon : (props.offIcon ?? props.icon);
  return (
    <button
      type="button"
      className={`toggle control toggle--${props.variant ?? 'plain'}`}
      data-testid={props.testId}
      aria-pressed={props.pressed}
      aria-keyshortcuts={props.keyShortcut}
      disabled={props.disabled}
      title={props.title}
      onClick={props.onClick}
    >
      <Icon aria-hidden="true" size={20} data-icon={props.pressed ? 'on' : 'off'} />
      <span className="control-label">{props.label}</span>
    </button>
  );
}
