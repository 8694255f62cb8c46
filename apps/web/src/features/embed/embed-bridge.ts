import {
  embedEvent,
  isAllowedOrigin,
  parseEmbedCommand,
  type EmbedCommandName,
  type EmbedCommandOf,
  type EmbedErrorCode,
  type EmbedEventData,
  type EmbedEventName,
  type SessionRole,
} from '@stagecast/contracts';
import type { BlockedScreen, JoinProblem } from '../room/room-state.js';

/** Carries out one command of the host page. */
export type EmbedCommandHandler<C extends EmbedCommandName> = (command: EmbedCommandOf<C>) => void;

/** Where the bridge posts: the window that frames the room (`window.parent`). */
export interface EmbedParent {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface EmbedBridgeOptions {
  sessionId: string;
  /** `EMBED_ORIGINS`: the only pages commands are taken from and events are posted to. */
  allowedOrigins: readonly string[];
  /** The framing window; undefined when the page is not framed (opened on its own). */
  parent: EmbedParent | undefined;
}

/** What a blocked screen tells the host page: an event of its own, or an error code. */
function screenEvent(
  screen: BlockedScreen,
): { event: 'left' | 'ended' | 'removed' } | { error: EmbedErrorCode } {
  switch (screen.kind) {
    case 'left':
    case 'ended':
    case 'removed':
      return { event: screen.kind };
    default:
      return { error: screen.kind };
  }
}

/** Identifies a screen, so the same one shown again by a re-render is not reported twice. */
const screenKey = (screen: BlockedScreen) =>
  screen.kind === 'not_live' ? `not_live:${screen.scheduledAt ?? ''}` : screen.kind;

/**
 * The embedded room's side of the `postMessage` API (issue 14). Input comes through `handle*`
 * and the room's reports (`joined`, `showing`…), output is the protocol's events, posted to the
 * framing window for each allowed origin: the browser delivers a message only when its target
 * origin is the parent's, so no other page ever receives one, and the room need not guess the
 * parent's origin (`document.referrer` may be hidden by its referrer policy). Commands are
 * taken only from the framing window, from an allowed origin, and only when they parse.
 */
export function createEmbedBridge({ sessionId, allowedOrigins, parent }: EmbedBridgeOptions) {
  const handlers = new Map<EmbedCommandName, (command: never) => void>();
  let inRoom = false;
  let hand = false;
  let shown: string | undefined;
  let problem: JoinProblem | undefined;

  function emit<E extends EmbedEventName>(name: E, data: EmbedEventData<E>): void {
    if (!parent) return;
    const message = embedEvent(name, sessionId, data);
    for (const origin of allowedOrigins) parent.postMessage(message, origin);
  }

  return {
    emit,
    /** A `message` event of the window: a command from the host page, or anything else. */
    handleMessage(event: Pick<MessageEvent, 'data' | 'origin' | 'source'>): void {
      if (!parent || event.source !== parent) return;
      if (!isAllowedOrigin(event.origin, allowedOrigins)) return;
      const command = parseEmbedCommand(event.data);
      if (!command) return;
      const handler = handlers.get(command.command) as ((c: typeof command) => void) | undefined;
      if (handler) handler(command);
      else emit('error', { code: 'unavailable', command: command.command });
    },
    /** Carries out `name` with `handler` until the returned function is called. */
    handle<C extends EmbedCommandName>(name: C, handler: EmbedCommandHandler<C>): () => void {
      handlers.set(name, handler);
      return () => {
        if (handlers.get(name) === handler) handlers.delete(name);
      };
    },
    /** The page listens: the host page may send commands from now on. */
    ready(): void {
      emit('ready', {});
    },
    /** Connected to the room; a reconnection of the same stay says nothing new. */
    joined(identity: string, role: SessionRole): void {
      if (inRoom) return;
      inRoom = true;
      hand = false;
      emit('joined', { identity, role });
    },
    /** The local hand as the room knows it; reported when it changes while in the room. */
    handRaised(raised: boolean): void {
      if (!inRoom || raised === hand) return;
      hand = raised;
      emit('hand-raised', { raised });
    },
    /** The screen shown instead of the room, or undefined when the pre-join or room is. */
    showing(screen: BlockedScreen | undefined): void {
      const key = screen && screenKey(screen);
      if (key === shown) return;
      shown = key;
      if (!screen) return;
      inRoom = false;
      const outcome = screenEvent(screen);
      if ('event' in outcome) emit(outcome.event, {});
      else {
        const scheduledAt = screen.kind === 'not_live' ? { scheduled_at: screen.scheduledAt } : {};
        emit('error', { code: outcome.error, ...scheduledAt });
      }
    },
    /** Why the last join from the pre-join failed (worth trying again), or undefined. */
    joinProblem(next: JoinProblem | undefined): void {
      if (next === problem) return;
      problem = next;
      if (next) emit('error', { code: next });
    },
  };
}

export type EmbedBridge = ReturnType<typeof createEmbedBridge>;
