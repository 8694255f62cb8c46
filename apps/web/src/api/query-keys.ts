import type {
  AuditAction,
  SessionStatus,
  StatsRange,
  WebhookDeliveryStatus,
} from '@stagecast/contracts';

/**
 * Every key of the query cache, in one place: invalidating `['sessions', id]` reaches all that
 * was read about one session.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  authOptions: ['auth', 'options'] as const,
  embedOptions: ['embed', 'options'] as const,
  /** Everything read about sessions: lists, single sessions and their recordings. */
  sessions: ['sessions'] as const,
  sessionList: (status: SessionStatus) => ['sessions', 'list', status] as const,
  /** What a session shows depends on who asks (`viewer`) and the invite they hold. */
  session: (id: string, inviteToken?: string, viewer?: string) =>
    ['sessions', id, { inviteToken, viewer }] as const,
  recordings: (id: string) => ['sessions', id, 'recordings'] as const,
  attendance: (id: string) => ['sessions', id, 'attendance'] as const,
  /** Everything the admin page reads (stats, accounts, recordings, the audit log). */
  admin: ['admin'] as const,
  /** Under `sessions`, so that ending a session anywhere refreshes it. */
  adminLiveSessions: ['sessions', 'list', 'live', 'admin'] as const,
  adminStats: (range: StatsRange) => ['admin', 'stats', range] as const,
  adminUsers: (query: string, page: number) => ['admin', 'users', { query, page }] as const,
  adminRecordings: (page: number) => ['admin', 'recordings', page] as const,
  adminAudit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
  /** The webhook endpoints and, below them, each one's delivery log. */
  adminWebhooks: ['admin', 'webhooks'] as const,
  adminWebhookDeliveries: (webhookId: string, status: WebhookDeliveryStatus | undefined) =>
    ['admin', 'webhooks', webhookId, 'deliveries', { status }] as const,
};

/** The audit log's filters as the admin page sets them. */
export interface AuditFilter {
  action?: AuditAction | undefined;
  session_id?: string | undefined;
  actor_id?: string | undefined;
}
