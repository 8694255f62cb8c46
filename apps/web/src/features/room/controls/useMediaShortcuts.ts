import { useEffect, useRef } from 'react';
import {
  isApplePlatform,
  matchMediaShortcut,
  type MediaShortcut,
} from '../../../lib/media-shortcuts.js';

/**
 * Runs `handlers[kind]` when the page gets that media shortcut (Ctrl/⌘+D, Ctrl/⌘+E), anywhere
 * on the page, and keeps the browser's own meaning of the keys (bookmark, search) from running.
 * Mounted with the publisher's controls, so a viewer's keys are never taken.
 */
export function useMediaShortcuts(handlers: Record<MediaShortcut, () => void>): void {
  // The latest handlers, without adding and removing the listener on every render.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const apple = isApplePlatform();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const kind = matchMediaShortcut(event, apple);
      if (!kind) return;
      event.preventDefault();
      latest.current[kind]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
