import type { SessionStatus } from '@stagecast/contracts';

/**
 * Every key of the query cache, in one place: invalidating `['sessions', id]` reaches all that
 * was read about one session.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  authOptions: ['auth', 'options'] as const,
  /** Everything read about sessions: lists, single sessions and their recordings. */
  sessions: ['sessions'] as const,
  sessionList: (status: SessionStatus) => ['sessions', 'list', status] as const,
  /** What a session shows depends on who asks (`viewer`) and the invite they hold. */
  session: (id: string, inviteToken?: string, viewer?: string) =>
    ['sessions', id, { inviteToken, viewer }] as const,
  recordings: (id: string) => ['sessions', id, 'recordings'] as const,
  attendance: (id: string) => ['sessions', id, 'attendance'] as const,
};
