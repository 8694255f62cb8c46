import type {
  Recording,
  ChatMessage,
  JoinResponse,
  Participant,
  Session,
  SessionRole,
  User,
} from '@stagecast/contracts';
import { request } from './client.js';

/** Typed calls to the API (SPEC §2–§3), one function per endpoint the web app uses. */

export const authApi = {
  me: () => request<{ user: User }>('GET', '/api/v1/auth/me'),
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/login', { email, password }),
  register: (email: string, username: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/register', { email, username, password }),
  guest: (displayName: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/guest', { display_name: displayName }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
};

export interface CreateSessionInput {
  title: string;
  description: string;
  session_type: 'broadcast' | 'meeting';
  is_public: boolean;
  is_recorded: boolean;
  max_participants: number;
  scheduled_at: string | null;
  start_now: boolean;
}

const s = (id: string) => `/api/v1/live/sessions/${encodeURIComponent(id)}`;

export const sessionsApi = {
  list: (query: { status?: 'live' | 'scheduled'; page_size?: number } = {}) => {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    params.set('page_size', String(query.page_size ?? 50));
    return request<{ sessions: Session[]; total: number }>(
      'GET',
      `/api/v1/live/sessions?${params.toString()}`,
    );
  },
  get: (id: string, inviteToken?: string) =>
    request<Session>(
      'GET',
      inviteToken ? `${s(id)}?invite_token=${encodeURIComponent(inviteToken)}` : s(id),
    ),
  create: (input: CreateSessionInput) =>
    request<{ session_id: string; invite_link: string | null }>(
      'POST',
      '/api/v1/live/sessions',
      input,
    ),
  start: (id: string) => request<Session>('POST', `${s(id)}/start`),
  end: (id: string) => request<Session>('POST', `${s(id)}/end`),
  join: (id: string, body: { display_name?: string; invite_token?: string }) =>
    request<JoinResponse>('POST', `${s(id)}/join`, body),
  rotateInvite: (id: string) => request<{ invite_link: string }>('POST', `${s(id)}/invite`),
  participants: (id: string) =>
    request<{ participants: Participant[] }>('GET', `${s(id)}/participants`),
  setRole: (id: string, userId: string, role: Exclude<SessionRole, 'host'>) =>
    request<{ participant: Participant }>(
      'PATCH',
      `${s(id)}/participants/${encodeURIComponent(userId)}`,
      { role },
    ),
  kick: (id: string, userId: string) =>
    request<{ participant: Participant }>(
      'POST',
      `${s(id)}/participants/${encodeURIComponent(userId)}/kick`,
    ),
  mute: (id: string, userId: string, source: 'microphone' | 'camera' | 'screen_share') =>
    request<unknown>('POST', `${s(id)}/participants/${encodeURIComponent(userId)}/mute`, {
      source,
    }),
  recordings: (id: string) => request<{ recordings: Recording[] }>('GET', `${s(id)}/recordings`),
  startRecording: (id: string) => request<unknown>('POST', `${s(id)}/recording/start`),
  stopRecording: (id: string) => request<unknown>('POST', `${s(id)}/recording/stop`),
  hand: (id: string, raised: boolean) =>
    request<{ participant: Participant }>('POST', `${s(id)}/hand`, { raised }),
  chat: (id: string, before?: string) =>
    request<{ messages: ChatMessage[]; has_more: boolean }>(
      'GET',
      `${s(id)}/chat?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ),
  sendChat: (id: string, text: string, clientMessageId: string) =>
    request<{ message: ChatMessage }>('POST', `${s(id)}/chat`, {
      text,
      client_message_id: clientMessageId,
    }),
  deleteChat: (id: string, messageId: string) =>
    request<void>('DELETE', `${s(id)}/chat/${encodeURIComponent(messageId)}`),
};
