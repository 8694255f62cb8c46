import type { SessionRole } from '@stagecast/contracts';
import { canPublish } from '../roles.js';

/** What the room tells in a toast. */
export type ToastEvent =
  | { kind: 'handRaised'; identity: string; name: string }
  | { kind: 'promoted'; role: SessionRole }
  | { kind: 'recordingStarted' }
  | { kind: 'recordingStopped' };

/** The part of the room a toast watches. */
export interface ToastWatch {
  /** Raised hands by identity (others' only), with the name to show. */
  hands: ReadonlyMap<string, string>;
  role: SessionRole;
  recording: boolean;
  /** Only moderators are told of hands. */
  moderator: boolean;
}

/**
 * The toasts a change of the room calls for, from its state before to its state now: a hand
 * that went up (to moderators), a promotion to a role that may publish, recording started or
 * stopped. Pure, so it is tested without a room; the first state seen (`before` undefined)
 * calls for none, so joining a room with hands up or a recording on is silent.
 */
export function toastEvents(before: ToastWatch | undefined, now: ToastWatch): ToastEvent[] {
  if (!before) return [];
  const events: ToastEvent[] = [];
  if (now.moderator) {
    for (const [identity, name] of now.hands) {
      if (!before.hands.has(identity)) events.push({ kind: 'handRaised', identity, name });
    }
  }
  if (canPublish(now.role) && !canPublish(before.role)) {
    events.push({ kind: 'promoted', role: now.role });
  }
  if (now.recording !== before.recording) {
    events.push({ kind: now.recording ? 'recordingStarted' : 'recordingStopped' });
  }
  return events;
}
