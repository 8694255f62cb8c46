import { describe, expect, it } from 'vitest';
import { parseChatPacket, parseHandPacket } from './data-packets.js';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('data packets', () => {
  it('reads chat messages and deletions as the API sends them', () => {
    const message = {
      id: 'm1',
      session_id: 's1',
      sender: { identity: 'guest:g1', display_name: 'Bo', role: 'viewer' },
      text: 'hello',
      created_at: '2025-01-01T10:00:00Z',
    };
    expect(parseChatPacket(encode({ type: 'message', message }))).toEqual({
      type: 'message',
      message,
    });
    expect(parseChatPacket(encode({ type: 'deleted', message_id: 'm1' }))).toEqual({
      type: 'deleted',
      message_id: 'm1',
    });
  });

  it('drops anything malformed', () => {
    expect(parseChatPacket(encode('not json'))).toBeUndefined();
    expect(parseChatPacket(encode({ type: 'message', message: { id: 1 } }))).toBeUndefined();
    expect(parseHandPacket(encode({ identity: 'user:u1', raised: 'yes' }))).toBeUndefined();
    expect(parseHandPacket(encode(null))).toBeUndefined();
  });

  it('reads raised hands', () => {
    expect(parseHandPacket(encode({ identity: 'user:u1', raised: true }))).toEqual({
      identity: 'user:u1',
      raised: true,
    });
  });
});
