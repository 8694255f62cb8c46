import type { ReactNode } from 'react';
import { RoomError } from './RoomError.js';

/** What a side panel of the room (polls, Q&A) is given. */
export interface ListPanelProps {
  sessionId: string;
  /** A host, co-host or admin: runs the panel's items. */
  moderator: boolean;
}

/**
 * The frame of a side panel that lists items (polls, questions): its control on top (a form), the note for an empty list, the list, and
 * the failure (the list not read, or an action refused) as an alert.
 */
export function ListPanel(props: {
  className: string;
  testId: string;
  top: ReactNode;
  /** The note while the list is empty; false when it is not. */
  empty: string | false;
  failure: string | false;
  children: ReactNode;
}) {
  return (
    <div className={props.className} data-testid={props.testId}>
      {props.top}
      {props.empty && <p className="room-muted">{props.empty}</p>}
      {props.children}
      {props.failure && <RoomError>{props.failure}</RoomError>}
    </div>
  );
}
