// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embed, frameUrl, IFRAME_ALLOW } from './embed.js';

const STAGECAST = 'https://live.example.com';
const SESSION = '0d6f6a4e-56f5-4bd9-9a43-6a1c8e2f7b10';
const envelope = { source: 'stagecast', version: 1 } as const;

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** Embeds a room whose iframe window is a stand-in that records what it is posted. */
function embedded(options: Partial<Parameters<typeof embed>[1]> = {}) {
  // Kept out of the document: happy-dom would try to load the iframe's page (and say it cannot).
  const host = document.createElement('div');
  const frameWindow = { postMessage: vi.fn() };
  // The iframe's real window does not exist here: the stand-in is what its events come from.
  vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue(
    frameWindow as unknown as Window,
  );
  const room = embed(host, { session: SESSION, origin: STAGECAST, ...options });
  const fromRoom = (data: unknown, origin = STAGECAST, source: unknown = frameWindow) =>
    window.dispatchEvent(
      new MessageEvent('message', { data, origin, source: source as MessageEventSource }),
    );
  return { host, room, frameWindow, fromRoom };
}

const event = (name: string, data: Record<string, unknown> = {}) => ({
  ...envelope,
  event: name,
  data: { session_id: SESSION, ...data },
});

describe('frameUrl', () => {
  it('opens the room, with a private session’s invite', () => {
    expect(frameUrl(STAGECAST, { session: SESSION })).toBe(`${STAGECAST}/embed/${SESSION}`);
    expect(frameUrl(STAGECAST, { session: SESSION, invite: 'a b' })).toBe(
      `${STAGECAST}/embed/${SESSION}?invite=a+b`,
    );
  });

  it('goes through the one-time JWT hand-off when given a token', () => {
    const url = new URL(frameUrl(STAGECAST, { session: SESSION, token: 'e.y.j', invite: 'i' }));
    expect(url.origin + url.pathname).toBe(`${STAGECAST}/auth/jwt`);
    expect(url.searchParams.get('token')).toBe('e.y.j');
    expect(url.searchParams.get('next')).toBe(`/embed/${SESSION}?invite=i`);
  });
});

describe('Stagecast.embed', () => {
  it('adds an iframe allowed camera, microphone, screen capture and autoplay', () => {
    const { host, room } = embedded({ title: 'Algebra' });
    expect(host.querySelector('iframe')).toBe(room.iframe);
    expect(room.iframe.getAttribute('allow')).toBe(IFRAME_ALLOW);
    expect(IFRAME_ALLOW).toBe('camera; microphone; display-capture; autoplay');
    expect(room.iframe.title).toBe('Algebra');
    room.destroy();
    expect(host.querySelector('iframe')).toBeNull();
  });

  it('refuses a missing element or session plainly', () => {
    expect(() => embed('#nowhere', { session: SESSION, origin: STAGECAST })).toThrow(
      /no element #nowhere/,
    );
    expect(() => embed(document.body, { session: '', origin: STAGECAST })).toThrow(
      /options.session/,
    );
  });

  it('passes the room’s events to their callbacks, from its window and origin only', () => {
    const { room, fromRoom } = embedded();
    const joined = vi.fn();
    const ready = vi.fn();
    room.on('joined', joined);
    const stop = room.on('ready', ready);
    fromRoom(event('joined', { identity: 'guest:g1', role: 'viewer' }), 'https://evil.example');
    fromRoom(event('joined', { identity: 'guest:g1', role: 'viewer' }), STAGECAST, window);
    fromRoom({ event: 'joined', data: { session_id: SESSION } });
    fromRoom(event('exploded'));
    expect(joined).not.toHaveBeenCalled();
    fromRoom(event('joined', { identity: 'guest:g1', role: 'viewer' }));
    expect(joined).toHaveBeenCalledWith({
      session_id: SESSION,
      identity: 'guest:g1',
      role: 'viewer',
    });
    stop();
    fromRoom(event('ready'));
    expect(ready).not.toHaveBeenCalled();
  });

  it('holds commands until the room is ready, then posts them to Stagecast’s origin only', () => {
    const { room, frameWindow, fromRoom } = embedded();
    room.toggleMicrophone();
    room.raiseHand();
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    fromRoom(event('ready'), 'https://evil.example'); // not the room: still held
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    fromRoom(event('ready'));
    room.leave();
    room.raiseHand(false);
    room.toggleCamera();
    expect(frameWindow.postMessage.mock.calls).toEqual([
      [{ ...envelope, command: 'toggle-microphone' }, STAGECAST],
      [{ ...envelope, command: 'raise-hand', data: { raised: true } }, STAGECAST],
      [{ ...envelope, command: 'leave' }, STAGECAST],
      [{ ...envelope, command: 'raise-hand', data: { raised: false } }, STAGECAST],
      [{ ...envelope, command: 'toggle-camera' }, STAGECAST],
    ]);
  });

  it('stops listening once destroyed', () => {
    const { room, fromRoom } = embedded();
    const left = vi.fn();
    room.on('left', left);
    room.destroy();
    fromRoom(event('left'));
    expect(left).not.toHaveBeenCalled();
  });
});
