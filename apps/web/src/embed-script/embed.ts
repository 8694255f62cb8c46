/**
 * `/embed.js`: `Stagecast.embed(element, {session, token})` on the host site's page (issue 14).
 * Built by apps/web/vite.config.ts into a classic script of its own (an IIFE that defines the
 * global `Stagecast`), which imports only the zod-free half of the protocol, so it stays small.
 * `docs/integrate.md` (Embed the room) is its guide.
 */
import {
  EMBED_EVENT_NAMES,
  EMBED_MESSAGE_SOURCE,
  EMBED_PROTOCOL_VERSION,
  embedPath,
} from '@stagecast/contracts/embed-protocol';
import type { EmbedCommandName, EmbedEventName } from '@stagecast/contracts/embed-protocol';
import type { EmbedCommandOf, EmbedEventOf } from '@stagecast/contracts';

export interface EmbedOptions {
  /** The session to show (its `session_id`). */
  session: string;
  /**
   * A JWT your backend minted for the signed-in person, spent once by the hand-off
   * (`/auth/jwt`); without one, the room offers to enter as a guest.
   */
  token?: string;
  /** A private session's invite token (the `invite` of its invite link). */
  invite?: string;
  /** Where Stagecast runs; by default where this script was loaded from. */
  origin?: string;
  /** The frame's title, read by screen readers. */
  title?: string;
}

/** What an event's callback receives: the event's `data`. */
export type EmbedEventListener<E extends EmbedEventName> = (data: EmbedEventOf<E>['data']) => void;

/** An embedded room. */
export interface StagecastRoom {
  /** The `<iframe>` it added to the element. */
  readonly iframe: HTMLIFrameElement;
  /** Calls `callback` on every `event` from the room; answers the function that stops it. */
  on<E extends EmbedEventName>(event: E, callback: EmbedEventListener<E>): () => void;
  off<E extends EmbedEventName>(event: E, callback: EmbedEventListener<E>): void;
  leave(): void;
  toggleMicrophone(): void;
  toggleCamera(): void;
  /** Raises the hand, or lowers it with `false`. */
  raiseHand(raised?: boolean): void;
  /** Removes the frame (which leaves the room) and stops listening. */
  destroy(): void;
}

/** What the browser lets the iframe do: the devices, the screen and sound without a click. */
export const IFRAME_ALLOW = 'camera; microphone; display-capture; autoplay';

// Where this script came from: the Stagecast to embed, unless told otherwise.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const scriptOrigin =
  script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : undefined;

type AnyListener = (data: unknown) => void;

/** An event of the protocol (the room is ours; its origin and window were checked already). */
function isEvent(data: unknown): data is { event: EmbedEventName; data: unknown } {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.source === EMBED_MESSAGE_SOURCE &&
    message.version === EMBED_PROTOCOL_VERSION &&
    (EMBED_EVENT_NAMES as readonly unknown[]).includes(message.event) &&
    typeof message.data === 'object' &&
    message.data !== null
  );
}

/** The iframe's first address: the room, or the JWT hand-off on its way there. */
export function frameUrl(origin: string, options: EmbedOptions): string {
  const room = new URL(embedPath(options.session), origin);
  if (options.invite) room.searchParams.set('invite', options.invite);
  if (!options.token) return room.href;
  const handOff = new URL('/auth/jwt', origin);
  handOff.searchParams.set('token', options.token);
  handOff.searchParams.set('next', `${room.pathname}${room.search}`);
  return handOff.href;
}

/**
 * Puts the room of `options.session` in `element` (an element or a CSS selector): an iframe
 * allowed camera, microphone, screen capture and autoplay, talking to this page through
 * `postMessage`. Events are taken only from that iframe's window and Stagecast's origin;
 * commands are posted to Stagecast's origin only, and held until the room says `ready`.
 */
export function embed(element: Element | string, options: EmbedOptions): StagecastRoom {
  if (typeof element === 'string' && !document.querySelector(element)) {
    throw new TypeError(`Stagecast.embed: no element ${element}`);
  }
  const container = typeof element === 'string' ? document.querySelector(element)! : element;
  if (!options || typeof options.session !== 'string' || options.session === '') {
    throw new TypeError('Stagecast.embed: options.session (a session id) is required');
  }
  const base = options.origin ?? scriptOrigin;
  if (!base) throw new TypeError('Stagecast.embed: options.origin is required here');
  const origin = new URL(base).origin;

  const iframe = document.createElement('iframe');
  iframe.src = frameUrl(origin, options);
  iframe.allow = IFRAME_ALLOW;
  iframe.allowFullscreen = true;
  iframe.title = options.title ?? 'Live session';
  iframe.style.cssText = 'width:100%;height:100%;min-height:480px;border:0;display:block';

  const listeners = new Map<EmbedEventName, Set<AnyListener>>();
  let ready = false;
  let queued: unknown[] = [];

  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    if (!isEvent(event.data)) return;
    if (event.data.event === 'ready') {
      ready = true;
      for (const message of queued) iframe.contentWindow?.postMessage(message, origin);
      queued = [];
    }
    for (const listener of [...(listeners.get(event.data.event) ?? [])]) {
      try {
        listener(event.data.data);
      } catch (err) {
        // One page's broken callback must not stop the others.
        setTimeout(() => {
          throw err;
        });
      }
    }
  };
  window.addEventListener('message', onMessage);
  container.appendChild(iframe);

  const send = <C extends EmbedCommandName>(command: C, data?: EmbedCommandOf<C>['data']) => {
    const message = {
      source: EMBED_MESSAGE_SOURCE,
      version: EMBED_PROTOCOL_VERSION,
      command,
      ...(data ? { data } : {}),
    };
    if (ready) iframe.contentWindow?.postMessage(message, origin);
    else queued.push(message);
  };

  const room: StagecastRoom = {
    iframe,
    on(event, callback) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(callback as AnyListener);
      return () => room.off(event, callback);
    },
    off(event, callback) {
      listeners.get(event)?.delete(callback as AnyListener);
    },
    leave: () => send('leave'),
    toggleMicrophone: () => send('toggle-microphone'),
    toggleCamera: () => send('toggle-camera'),
    raiseHand: (raised = true) => send('raise-hand', { raised }),
    destroy() {
      window.removeEventListener('message', onMessage);
      listeners.clear();
      queued = [];
      iframe.remove();
    },
  };
  return room;
}

/** The protocol version this script speaks. */
export const version = EMBED_PROTOCOL_VERSION;
