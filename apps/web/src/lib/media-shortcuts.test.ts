import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcut,
  isApplePlatform,
  matchMediaShortcut,
  shortcutLabel,
  type ShortcutKeyEvent,
} from './media-shortcuts.js';

const key = (code: string, held: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  isComposing: false,
  ...held,
});

describe('the media shortcuts', () => {
  it('are Ctrl+D and Ctrl+E, or ⌘D and ⌘E on Apple systems', () => {
    expect(matchMediaShortcut(key('KeyD', { ctrlKey: true }), false)).toBe('microphone');
    expect(matchMediaShortcut(key('KeyE', { ctrlKey: true }), false)).toBe('camera');
    expect(matchMediaShortcut(key('KeyD', { metaKey: true }), true)).toBe('microphone');
    expect(matchMediaShortcut(key('KeyE', { metaKey: true }), true)).toBe('camera');
  });

  it('never fire on plain typing, other modifiers, held keys or input-method composition', () => {
    expect(matchMediaShortcut(key('KeyD'), false)).toBeUndefined();
    expect(matchMediaShortcut(key('KeyD', { shiftKey: true }), false)).toBeUndefined();
    expect(
      matchMediaShortcut(key('KeyD', { ctrlKey: true, shiftKey: true }), false),
    ).toBeUndefined();
    expect(matchMediaShortcut(key('KeyD', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(matchMediaShortcut(key('KeyD', { ctrlKey: true, repeat: true }), false)).toBeUndefined();
    expect(
      matchMediaShortcut(key('KeyD', { ctrlKey: true, isComposing: true }), false),
    ).toBeUndefined();
    // On a Mac, Ctrl+D is a text field's delete-forward: left alone.
    expect(matchMediaShortcut(key('KeyD', { ctrlKey: true }), true)).toBeUndefined();
    expect(matchMediaShortcut(key('KeyD', { metaKey: true }), false)).toBeUndefined();
    expect(matchMediaShortcut(key('KeyF', { ctrlKey: true }), false)).toBeUndefined();
  });

  it('are written for people and for aria-keyshortcuts per system', () => {
    expect(shortcutLabel('microphone', false)).toBe('Ctrl+D');
    expect(shortcutLabel('camera', true)).toBe('⌘E');
    expect(ariaKeyShortcut('microphone', false)).toBe('Control+D');
    expect(ariaKeyShortcut('camera', true)).toBe('Meta+E');
  });

  it('tell Apple systems from the platform or the user agent', () => {
    expect(isApplePlatform({ platform: 'MacIntel', userAgent: '' })).toBe(true);
    expect(isApplePlatform({ platform: '', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0)' })).toBe(
      true,
    );
    expect(isApplePlatform({ platform: 'Linux x86_64', userAgent: 'X11' })).toBe(false);
    expect(isApplePlatform({ platform: 'Win32', userAgent: 'Windows NT 10.0' })).toBe(false);
  });
});
