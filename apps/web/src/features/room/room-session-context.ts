import { createContext, useContext } from 'react';
import type { JoinResponse, Session } from '@stagecast/contracts';
import type { MediaIntentStore } from './media-intent.js';
import type { BlockedScreen, RoomPageEvent } from './room-state.js';

/** What the live room reads from its page's flow ({@link useRoomSession}), instead of props. */
export interface RoomSessionContextValue {
  session: Session;
  inviteToken: string | undefined;
  /** The latest join answer (the role may have changed since the first). */
  join: JoinResponse;
  /** The current LiveKit connection's number: events are tagged with it. */
  connection: number;
  /** True while waiting to rejoin after an unexpected disconnect. */
  rejoining: boolean;
  /** What to publish once (re)connected; the toggles keep it current. */
  intent: MediaIntentStore;
  /** Reports how the current connection is going (connected, failed, disconnected). */
  report: (event: Extract<RoomPageEvent, { connection: number }>) => void;
  /** Leaves the room for a screen (left, ended, ...). */
  block: (screen: BlockedScreen) => void;
  /** Replaces the session with a newer copy (e.g. the answer to "go live"). */
  setSession: (session: Session) => void;
}

export const RoomSessionContext = createContext<RoomSessionContextValue | undefined>(undefined);

/**
 * The room session of the enclosing room page.
 *
 * @throws Error when called outside the live room of a `RoomPage`
 */
export function useRoomSessionContext(): RoomSessionContextValue {
  const value = useContext(RoomSessionContext);
  if (!value)
    throw new Error('useRoomSessionContext must be used inside the live room of RoomPage.');
  return value;
}
