import { describe, expect, it } from 'vitest';
import { toastEvents, type ToastWatch } from './toast-events.js';

const watch = (changes: Partial<ToastWatch> = {}): ToastWatch => ({
  hands: new Map(),
  role: 'host',
  recording: false,
  moderator: true,
  ...changes,
});

describe('the room toasts', () => {
  it('say nothing about the state found on joining', () => {
    const found = watch({ hands: new Map([['guest:g1', 'Bo']]), recording: true });
    expect(toastEvents(undefined, found)).toEqual([]);
  });

  it('tell moderators of each hand that goes up, and nobody of a hand that goes down', () => {
    const before = watch({ hands: new Map([['guest:g1', 'Bo']]) });
    const now = watch({ hands: new Map([['guest:g2', 'Cy']]) });
    expect(toastEvents(before, now)).toEqual([
      { kind: 'handRaised', identity: 'guest:g2', name: 'Cy' },
    ]);
    expect(
      toastEvents(watch({ moderator: false }), watch({ moderator: false, hands: now.hands })),
    ).toEqual([]);
  });

  it('tell the local participant of a promotion to a role that publishes, not of a demotion', () => {
    expect(
      toastEvents(
        watch({ role: 'viewer', moderator: false }),
        watch({ role: 'speaker', moderator: false }),
      ),
    ).toEqual([{ kind: 'promoted', role: 'speaker' }]);
    expect(toastEvents(watch({ role: 'speaker' }), watch({ role: 'viewer' }))).toEqual([]);
    expect(toastEvents(watch({ role: 'speaker' }), watch({ role: 'co_host' }))).toEqual([]);
  });

  it('tell everyone when the recording starts and stops', () => {
    expect(toastEvents(watch(), watch({ recording: true }))).toEqual([
      { kind: 'recordingStarted' },
    ]);
    expect(toastEvents(watch({ recording: true }), watch())).toEqual([
      { kind: 'recordingStopped' },
    ]);
  });
});
