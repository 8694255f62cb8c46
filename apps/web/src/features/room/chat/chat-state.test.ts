import type { ChatMessage } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { chatEventOf, chatReducer, emptyChat, MAX_CHAT_MESSAGES } from './chat-state.js';

function message(id: string, at: string, text = `text ${id}`): ChatMessage {
  return {
    id,
    session_id: 's1',
    sender: { identity: 'user:u1', display_name: 'Ada', role: 'viewer' },
    text,
    created_at: `2025-01-01T10:00:${at}Z`,
  };
}

describe('chatReducer', () => {
  it('keeps one copy of a message received from the API and again over LiveKit', () => {
    const once = chatReducer(emptyChat, { type: 'received', message: message('a', '01') });
    const twice = chatReducer(once, { type: 'received', message: message('a', '01') });
    expect(twice.messages).toHaveLength(1);
  });

  it('orders live messages and a late history by time', () => {
    let state = chatReducer(emptyChat, { type: 'received', message: message('c', '03') });
    state = chatReducer(state, {
      type: 'history',
      messages: [message('a', '01'), message('b', '02'), message('c', '03')],
    });
    expect(state.messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes a deleted message and keeps it out when a late copy arrives', () => {
    let state = chatReducer(emptyChat, { type: 'history', messages: [message('a', '01')] });
    state = chatReducer(state, chatEventOf({ type: 'deleted', message_id: 'a' }));
    expect(state.messages).toEqual([]);
    state = chatReducer(state, { type: 'history', messages: [message('a', '01')] });
    state = chatReducer(state, chatEventOf({ type: 'message', message: message('a', '01') }));
    expect(state.messages).toEqual([]);
  });

  it('keeps text exactly as sent, markup included', () => {
    const html = '<img src=x onerror=alert(1)>';
    const state = chatReducer(emptyChat, { type: 'received', message: message('a', '01', html) });
    expect(state.messages[0]?.text).toBe(html);
  });

  it('drops the oldest messages past the limit', () => {
    const many = Array.from({ length: MAX_CHAT_MESSAGES + 5 }, (_, i) => ({
      ...message(`m${String(i).padStart(4, '0')}`, '01'),
    }));
    const state = chatReducer(emptyChat, { type: 'history', messages: many });
    expect(state.messages).toHaveLength(MAX_CHAT_MESSAGES);
    expect(state.messages[0]?.id).toBe('m0005');
  });
});
