import type { LucideIcon } from 'lucide-react';

/**
 * An action of the controls bar (go live, settings, leave…): its icon, and its label, visually
 * hidden on narrow screens where the bar shows icons only (see ToggleButton for on/off ones).
 */
export function ControlButton(props: {
  testId: string;
  icon: LucideIcon;
  label: string;
  /** A filled button (`primary`), or one that ends something (`danger`). */
  kind?: 'primary' | 'danger';
  disabled?: boolean;
  /** It opens a dialog. */
  opensDialog?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={props.kind ? `${props.kind} control` : 'control'}
      data-testid={props.testId}
      aria-haspopup={props.opensDialog ? 'dialog' : undefined}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <props.icon aria-hidden="true" size={20} />
      <span className="control-label">{props.label}</span>
    </button>
  );
}
