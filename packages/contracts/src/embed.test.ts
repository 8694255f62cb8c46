import { describe, expect, it } from 'vitest';
import {
  embedEvent,
  embedEventSchema,
  embedCommandSchema,
  parseEmbedCommand,
  parseEmbedEvent,
} from './embed.js';
import {
  EMBED_COMMAND_NAMES,
  EMBED_EVENT_NAMES,
  embedPath,
  isAllowedOrigin,
  normalizeOrigin,
} from './embed-protocol.js';

const SESSION = '0d6f6a4e-56f5-4bd9-9a43-6a1c8e2f7b10';
const envelope = { source: 'stagecast', version: 1 } as const;

describe('the embed events', () => {
  it('has a schema for every event name, and no other', () => {
    const named = embedEventSchema.options.map((option) => option.shape.event.value);
    expect(named.sort()).toEqual([...EMBED_EVENT_NAMES].sort());
  });

  it('builds each event with the envelope and the session, and parses it back', () => {
    const joined = embedEvent('joined', SESSION, { identity: 'guest:g1', role: 'viewer' });
    expect(joined).toEqual({
      ...envelope,
      event: 'joined',
      data: { session_id: SESSION, identity: 'guest:g1', role: 'viewer' },
    });
    expect(parseEmbedEvent(joined)).toEqual(joined);
    const error = embedEvent('error', SESSION, { code: 'unavailable', command: 'toggle-camera' });
    expect(parseEmbedEvent(error)?.data).toEqual({
      session_id: SESSION,
      code: 'unavailable',
      command: 'toggle-camera',
    });
    expect(parseEmbedEvent(embedEvent('hand-raised', SESSION, { raised: true }))?.event).toBe(
      'hand-raised',
    );
  });

  it.each([
    ['another source', { ...envelope, source: 'other', event: 'ready', data: {} }],
    ['another version', { ...envelope, version: 2, event: 'ready', data: { session_id: SESSION } }],
    ['an unknown event', { ...envelope, event: 'exploded', data: { session_id: SESSION } }],
    ['no session', { ...envelope, event: 'left', data: {} }],
    [
      'a role that does not exist',
      {
        ...envelope,
        event: 'joined',
        data: { session_id: SESSION, identity: 'u', role: 'admin' },
      },
    ],
    [
      'an unknown error code',
      { ...envelope, event: 'error', data: { session_id: SESSION, code: 'oops' } },
    ],
    ['a string', 'ready'],
    ['null', null],
  ])('refuses %s', (_what, message) => {
    expect(parseEmbedEvent(message)).toBeUndefined();
  });
});

describe('the embed commands', () => {
  it('has a schema for every command name, and no other', () => {
    const named = embedCommandSchema.options.map((option) => option.shape.command.value);
    expect(named.sort()).toEqual([...EMBED_COMMAND_NAMES].sort());
  });

  it('parses each command, with or without its data', () => {
    expect(parseEmbedCommand({ ...envelope, command: 'leave' })).toEqual({
      ...envelope,
      command: 'leave',
    });
    expect(
      parseEmbedCommand({ ...envelope, command: 'raise-hand', data: { raised: false } }),
    ).toEqual({ ...envelope, command: 'raise-hand', data: { raised: false } });
    expect(parseEmbedCommand({ ...envelope, command: 'toggle-microphone' })?.command).toBe(
      'toggle-microphone',
    );
  });

  it.each([
    ['an unknown command', { ...envelope, command: 'end-session' }],
    ['another source', { source: 'evil', version: 1, command: 'leave' }],
    ['no version', { source: 'stagecast', command: 'leave' }],
    ['a hand that is not a boolean', { ...envelope, command: 'raise-hand', data: { raised: 1 } }],
    ['an event', { ...envelope, event: 'ready', data: { session_id: SESSION } }],
    ['a number', 42],
  ])('refuses %s', (_what, message) => {
    expect(parseEmbedCommand(message)).toBeUndefined();
  });
});

describe('origins', () => {
  it.each([
    ['https://school.example.com', 'https://school.example.com'],
    ['https://School.Example.com/', 'https://school.example.com'],
    ['https://school.example.com:443', 'https://school.example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['  https://a.example  ', 'https://a.example'],
  ])('normalises %s to %s', (text, origin) => {
    expect(normalizeOrigin(text)).toBe(origin);
  });

  it.each([
    'school.example.com',
    'https://school.example.com/path',
    'https://school.example.com/?q=1',
    'https://school.example.com#x',
    'https://user:pw@school.example.com',
    'https://*.example.com',
    'ftp://school.example.com',
    'javascript:alert(1)',
    '*',
    'null',
    '',
  ])('refuses %j as an origin', (text) => {
    expect(normalizeOrigin(text)).toBeUndefined();
  });

  it('allows exactly the listed origins: not another port, scheme, subdomain or null', () => {
    const allowed = ['https://school.example.com', 'http://localhost:8080'];
    expect(isAllowedOrigin('https://school.example.com', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8080', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8081', allowed)).toBe(false);
    expect(isAllowedOrigin('http://school.example.com', allowed)).toBe(false);
    expect(isAllowedOrigin('https://evil.school.example.com', allowed)).toBe(false);
    expect(isAllowedOrigin('https://school.example.com.evil.example', allowed)).toBe(false);
    expect(isAllowedOrigin('null', [...allowed, 'null'])).toBe(false);
    expect(isAllowedOrigin('https://school.example.com', [])).toBe(false);
  });

  it('builds the embed path of a session, encoded', () => {
    expect(embedPath(SESSION)).toBe(`/embed/${SESSION}`);
    expect(embedPath('a/b?c')).toBe('/embed/a%2Fb%3Fc');
  });
});
