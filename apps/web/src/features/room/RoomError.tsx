import type { ReactNode } from 'react';

/**
 * A failure said in the room's panels, dialogs and controls, announced to screen readers as it
 * appears; `className` adds a place's own class (where the controls bar puts it, say).
 */
export function RoomError({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="alert" className={className ? `room-error ${className}` : 'room-error'}>
      {children}
    </p>
  );
}
