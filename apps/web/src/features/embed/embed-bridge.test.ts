import { describe, expect, it, vi } from 'vitest';
import { createEmbedBridge, type EmbedParent } from './embed-bridge.js';

const SESSION = 's1';
const HOST = 'https://school.example.com';
const OTHER = 'http://localhost:8080';
const envelope = { source: 'stagecast', version: 1 } as const;

/** A framing window that records what is posted to it, per target origin. */
function fakeParent() {
  const posted: { message: unknown; origin: string }[] = [];
  const parent: EmbedParent = {
    postMessage: (message, origin) => posted.push({ message, origin }),
  };
  return { parent, posted };
}

function bridgeWith(origins = [HOST, OTHER]) {
  const { parent, posted } = fakeParent();
  const bridge = createEmbedBridge({ sessionId: SESSION, allowedOrigins: origins, parent });
  const events = () =>
    posted
      .filter((p) => p.origin === HOST)
      .map((p) => p.message as { event: string; data: Record<string, unknown> });
  return { bridge, parent, posted, events };
}

describe('the embed bridge', () => {
  it('posts every event to each allowed origin only, so the browser delivers it to the parent alone', () => {
    const { bridge, posted } = bridgeWith();
    bridge.ready();
    expect(posted).toEqual([
      { origin: HOST, message: { ...envelope, event: 'ready', data: { session_id: SESSION } } },
      { origin: OTHER, message: { ...envelope, event: 'ready', data: { session_id: SESSION } } },
    ]);
  });

  it('posts nothing when no origin is allowed, or when the page is not framed', () => {
    const { bridge, posted } = bridgeWith([]);
    bridge.ready();
    bridge.joined('guest:g1', 'viewer');
    expect(posted).toEqual([]);
    const alone = createEmbedBridge({
      sessionId: SESSION,
      allowedOrigins: [HOST],
      parent: undefined,
    });
    expect(() => alone.ready()).not.toThrow();
  });

  it('carries out a command from the parent on an allowed origin', () => {
    const { bridge, parent } = bridgeWith();
    const leave = vi.fn();
    const hand = vi.fn();
    bridge.handle('leave', leave);
    bridge.handle('raise-hand', hand);
    bridge.handleMessage({
      source: parent as never,
      origin: OTHER,
      data: { ...envelope, command: 'leave' },
    });
    bridge.handleMessage({
      source: parent as never,
      origin: HOST,
      data: { ...envelope, command: 'raise-hand', data: { raised: false } },
    });
    expect(leave).toHaveBeenCalledOnce();
    expect(hand).toHaveBeenCalledWith({
      ...envelope,
      command: 'raise-hand',
      data: { raised: false },
    });
  });

  it('ignores commands from another origin, another window, or that do not parse', () => {
    const { bridge, parent, posted } = bridgeWith();
    const leave = vi.fn();
    bridge.handle('leave', leave);
    const command = { ...envelope, command: 'leave' };
    bridge.handleMessage({
      source: parent as never,
      origin: 'https://evil.example',
      data: command,
    });
    bridge.handleMessage({ source: parent as never, origin: 'null', data: command });
    bridge.handleMessage({ source: {} as never, origin: HOST, data: command });
    bridge.handleMessage({ source: null, origin: HOST, data: command });
    bridge.handleMessage({ source: parent as never, origin: HOST, data: { command: 'leave' } });
    bridge.handleMessage({ source: parent as never, origin: HOST, data: 'leave' });
    expect(leave).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('answers a command nobody can carry out now with an unavailable error', () => {
    const { bridge, parent, events } = bridgeWith();
    const stop = bridge.handle('toggle-camera', vi.fn());
    stop();
    bridge.handleMessage({
      source: parent as never,
      origin: HOST,
      data: { ...envelope, command: 'toggle-camera' },
    });
    expect(events()).toEqual([
      {
        ...envelope,
        event: 'error',
        data: { session_id: SESSION, code: 'unavailable', command: 'toggle-camera' },
      },
    ]);
  });

  it('keeps the newest handler of a command when an older one is removed late', () => {
    const { bridge, parent } = bridgeWith();
    const older = vi.fn();
    const newer = vi.fn();
    const stopOlder = bridge.handle('leave', older);
    bridge.handle('leave', newer);
    stopOlder();
    bridge.handleMessage({
      source: parent as never,
      origin: HOST,
      data: { ...envelope, command: 'leave' },
    });
    expect(newer).toHaveBeenCalledOnce();
    expect(older).not.toHaveBeenCalled();
  });

  it('says joined once per stay, hand changes while in the room, and left when leaving', () => {
    const { bridge, events } = bridgeWith();
    bridge.handRaised(true); // not in the room yet: nothing
    bridge.joined('user:u1', 'speaker');
    bridge.joined('user:u1', 'speaker'); // a reconnection of the same stay
    bridge.handRaised(false);
    bridge.handRaised(true);
    bridge.handRaised(true);
    bridge.showing({ kind: 'left' });
    bridge.showing({ kind: 'left' }); // rendered again
    bridge.showing(undefined); // back to the pre-join
    bridge.joined('user:u1', 'speaker');
    expect(events().map((e) => [e.event, e.data])).toEqual([
      ['joined', { session_id: SESSION, identity: 'user:u1', role: 'speaker' }],
      ['hand-raised', { session_id: SESSION, raised: true }],
      ['left', { session_id: SESSION }],
      ['joined', { session_id: SESSION, identity: 'user:u1', role: 'speaker' }],
    ]);
  });

  it('reports the screens as ended, removed, or an error with the reason', () => {
    const { bridge, events } = bridgeWith();
    bridge.showing({ kind: 'not_live', scheduledAt: '2026-12-01T09:00:00.000Z' });
    bridge.showing({ kind: 'not_live', scheduledAt: '2026-12-01T09:00:00.000Z' });
    bridge.showing({ kind: 'ended' });
    bridge.showing({ kind: 'removed' });
    bridge.showing({ kind: 'private' });
    bridge.showing({ kind: 'sign_in' });
    bridge.joinProblem('rate_limited');
    bridge.joinProblem('rate_limited');
    bridge.joinProblem(undefined);
    bridge.joinProblem('rate_limited');
    expect(events().map((e) => [e.event, e.data])).toEqual([
      [
        'error',
        { session_id: SESSION, code: 'not_live', scheduled_at: '2026-12-01T09:00:00.000Z' },
      ],
      ['ended', { session_id: SESSION }],
      ['removed', { session_id: SESSION }],
      ['error', { session_id: SESSION, code: 'private' }],
      ['error', { session_id: SESSION, code: 'sign_in' }],
      ['error', { session_id: SESSION, code: 'rate_limited' }],
      ['error', { session_id: SESSION, code: 'rate_limited' }],
    ]);
  });
});
