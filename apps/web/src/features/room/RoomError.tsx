import type { ReactNode } from 'react';

/** A failure said in the room's panels and dialogs, announced to screen readers as it appears. */
export function RoomError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="room-error">
      {children}
    </p>
  );
}
