/**
 * The room's keyboard shortcuts, as Google Meet has them: Ctrl+D (⌘D on a Mac) turns the
 * microphone on or off, Ctrl+E (⌘E) the camera. A modifier is needed, so typing in the chat never
 * toggles a device; on a Mac it is ⌘ alone, which leaves Ctrl+D (delete forward) to text fields.
 * Keys are matched by their physical position (`code`), so they work in a Korean or Chinese
 * layout too, and not while an input method is composing.
 */
export type MediaShortcut = 'microphone' | 'camera';

export const MEDIA_SHORTCUTS: readonly MediaShortcut[] = ['microphone', 'camera'];

const KEYS: Record<MediaShortcut, { code: string; letter: string }> = {
  microphone: { code: 'KeyD', letter: 'D' },
  camera: { code: 'KeyE', letter: 'E' },
};

/** Whether this browser runs on an Apple system, where shortcuts use ⌘ instead of Ctrl. */
export function isApplePlatform(
  nav: Pick<Navigator, 'platform' | 'userAgent'> | undefined = globalThis.navigator,
): boolean {
  if (!nav) return false;
  return /Mac|iPhone|iPad|iPod/i.test(nav.platform || nav.userAgent);
}

/** The part of a keydown event the match reads. */
export type ShortcutKeyEvent = Pick<
  KeyboardEvent,
  'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat' | 'isComposing'
>;

/** The shortcut a keydown is, if any (a held key's repeats are none). */
export function matchMediaShortcut(
  event: ShortcutKeyEvent,
  apple: boolean,
): MediaShortcut | undefined {
  if (event.repeat || event.isComposing || event.altKey || event.shiftKey) return undefined;
  const modifier = apple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!modifier) return undefined;
  return MEDIA_SHORTCUTS.find((kind) => KEYS[kind].code === event.code);
}

/** How the shortcut is written for people: `Ctrl+D`, or `⌘D` on a Mac. */
export function shortcutLabel(kind: MediaShortcut, apple: boolean): string {
  return apple ? `⌘${KEYS[kind].letter}` : `Ctrl+${KEYS[kind].letter}`;
}

/** The `aria-keyshortcuts` value: `Control+D`, or `Meta+D` on a Mac. */
export function ariaKeyShortcut(kind: MediaShortcut, apple: boolean): string {
  return `${apple ? 'Meta' : 'Control'}+${KEYS[kind].letter}`;
}
