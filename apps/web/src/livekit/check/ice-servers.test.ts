import { describe, expect, it } from 'vitest';
import { transportOf, turnServersByTransport } from './ice-servers.js';

describe('transportOf', () => {
  it.each([
    ['turn:203.0.113.7:3478?transport=udp', 'udp'],
    ['turn:203.0.113.7:3478', 'udp'],
    ['turn:turn.example.com:3478?transport=tcp', 'tcp'],
    ['TURN:turn.example.com:80?Transport=TCP', 'tcp'],
    ['turns:turn.example.com:443?transport=tcp', 'tls'],
    ['turns:turn.example.com:5349', 'tls'],
    ['turn:[2001:db8::1]:3478?transport=udp', 'udp'],
    ['stun:stun.l.google.com:19302', undefined],
    ['', undefined],
  ])('reads %s as %s', (url, transport) => {
    expect(transportOf(url)).toBe(transport);
  });
});

describe('turnServersByTransport', () => {
  it('splits LiveKit’s embedded TURN entry into one relay-only server per transport, credentials kept', () => {
    const byTransport = turnServersByTransport([
      {
        urls: ['turn:203.0.113.7:3478?transport=udp', 'turns:turn.example.com:443?transport=tcp'],
        username: 'u',
        credential: 'p',
      },
      { urls: ['stun:stun.example.com:3478'] },
    ]);
    expect(byTransport).toEqual({
      udp: [{ urls: ['turn:203.0.113.7:3478?transport=udp'], username: 'u', credential: 'p' }],
      tls: [{ urls: ['turns:turn.example.com:443?transport=tcp'], username: 'u', credential: 'p' }],
    });
    expect(byTransport.tcp).toBeUndefined();
  });

  it('keeps each external TURN server with its own credentials', () => {
    const byTransport = turnServersByTransport([
      { urls: ['turn:a.example.com:3478?transport=tcp'], username: 'a', credential: '1' },
      { urls: ['turn:b.example.com:3478?transport=tcp'], username: 'b', credential: '2' },
    ]);
    expect(byTransport.tcp).toHaveLength(2);
    expect(byTransport.tcp?.map((s) => s.username)).toEqual(['a', 'b']);
  });

  it('offers nothing when the server lists no TURN (the loopback default: STUN only, or none)', () => {
    expect(turnServersByTransport([])).toEqual({});
    expect(turnServersByTransport([{ urls: ['stun:stun.l.google.com:19302'] }])).toEqual({});
  });
});
