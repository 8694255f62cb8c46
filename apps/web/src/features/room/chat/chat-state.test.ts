import { describe, expect, it } from 'vitest';
import { fakeChatMessage } from '../testing/fake-api.js';
import { chatEventOf, chatReducer, emptyChat, MAX_CHAT_MESSAGES } from './chat-state.js';

describe('chatReducer', () => {
  it('keeps one copy of a message received from the API and again over LiveKit', () => {
    const once = chatReducer(emptyChat, { type: 'received', message: fakeChatMessage('a') });
    const twice = chatReducer(once, { type: 'received', message: fakeChatMessage('a') });
    expect(twice.messages).toHaveLength(1);
  });

  it('orders live messages and a late history by time', () => {
    let state = chatReducer(emptyChat, {
      type: 'received',
      message: fakeChatMessage('c', { second: '03' }),
    });
    state = chatReducer(state, {
      type: 'history',
      messages: [
        fakeChatMessage('a'),
        fakeChatMessage('b', { second: '02' }),
        fakeChatMessage('c', { second: '03' }),
      ],
    });
    expect(state.messages.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes a deleted message and keeps it out when a late copy arrives', () => {
    let state = chatReducer(emptyChat, { type: 'history', messages: [fakeChatMessage('a')] });
    state = chatReducer(state, chatEventOf({ type: 'deleted', message_id: 'a' }));
    expect(state.messages).toEqual([]);
    state = chatReducer(state, { type: 'history', messages: [fakeChatMessage('a')] });
    state = chatReducer(state, chatEventOf({ type: 'message', message: fakeChatMessage('a') }));
    expect(state.messages).toEqual([]);
  });

  it('keeps text exactly as sent, markup included', () => {
    const html = '<img src=x onerror=alert(1)>';
    const state = chatReducer(emptyChat, {
      type: 'received',
      message: fakeChatMessage('a', { text: html }),
    });
    expect(state.messages[0]?.text).toBe(html);
  });

  it('drops the oldest messages past the limit', () => {
    const many = Array.from({ length: MAX_CHAT_MESSAGES + 5 }, (_, i) => ({
      ...fakeChatMessage(`m${String(i).padStart(4, '0')}`),
    }));
    const state = chatReducer(emptyChat, { type: 'history', messages: many });
    expect(state.messages).toHaveLength(MAX_CHAT_MESSAGES);
    expect(state.messages[0]?.id).toBe('m0005');
  });
});
