import type { SessionStatus } from '@stagecast/contracts';

/**
 * Every key of the query cache, in one place: invalidating `['sessions', id]` reaches all that
 * was read about one session.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  /** Everything read about sessions: lists, single sessions and their recordings. */
  sessions: ['sessions'] as const,
  sessionList: (status: SessionStatus) => ['sessions', 'list', status] as const,
  session: (id: string, inviteToken?: string) => ['sessions', id, { inviteToken }] as const,
  recordings: (id: string) => ['sessions', id, 'recordings'] as const,
};
