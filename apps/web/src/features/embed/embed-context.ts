import { createContext, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import type { EmbedCommandName } from '@stagecast/contracts';
import type { EmbedBridge, EmbedCommandHandler } from './embed-bridge.js';

/** The bridge of the embedded room page (`/embed/{id}`); undefined on the site's own pages. */
export const EmbedContext = createContext<EmbedBridge | undefined>(undefined);

/**
 * The embedded room's bridge to the host page, or undefined outside `/embed/{id}`: the room's
 * components work the same in both, and report to the host page only when embedded.
 */
export function useEmbed(): EmbedBridge | undefined {
  return useContext(EmbedContext);
}

/** Whether the page is the embedded room: links that leave the room open in a new tab. */
export function useEmbedded(): boolean {
  return useEmbed() !== undefined;
}

/**
 * Carries out the host page's command `name` with `handler` (the latest one) while the calling
 * component is mounted and `enabled`; a command with no handler answers `error: unavailable`.
 */
export function useEmbedCommand<C extends EmbedCommandName>(
  name: C,
  handler: EmbedCommandHandler<C>,
  enabled = true,
): void {
  const bridge = useEmbed();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!bridge || !enabled) return;
    return bridge.handle(name, (command) => latest.current(command));
  }, [bridge, name, enabled]);
}
