import type { ReactNode } from 'react';

export interface ToggleButtonProps {
  testId: string;
  pressed: boolean;
  disabled: boolean | undefined;
  /** Why it is disabled, when that is not obvious. */
  title?: string;
  onClick: () => void;
  children: ReactNode;
}

/** An on/off control (microphone, camera, screen share): `aria-pressed` says which. */
export function ToggleButton({
  testId,
  pressed,
  disabled,
  title,
  onClick,
  children,
}: ToggleButtonProps) {
  return (
    <button
      type="button"
      className="toggle"
      data-testid={testId}
      aria-pressed={pressed}
      disabled={disabled}
      title={title}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
