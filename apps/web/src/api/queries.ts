import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { SessionStatus, StatsRange, User, WebhookDeliveryStatus } from '@stagecast/contracts';
import { adminApi, authApi, embedApi, sessionsApi } from './endpoints.js';
import { queryKeys } from './query-keys.js';
import type { AuditFilter } from './query-keys.js';

/**
 * The reads of server state, as TanStack Query options: `useQuery(sessionQuery(id))` in a
 * component, `queryClient.fetchQuery(...)` outside one.
 */

/** Who is signed in: `null` when nobody is (the API answers 401) or the API cannot say. */
export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me,
    // Signed out (401) or the API is away: either way the page offers sign-in.
    queryFn: (): Promise<User | null> =>
      authApi.me().then(
        ({ user }) => user,
        () => null,
      ),
    staleTime: Infinity,
  });

/**
 * How people may sign in here (passwords, guests, an OpenID provider): settings of the server,
 * so read once per page load.
 */
export const authOptionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.authOptions,
    queryFn: () => authApi.options(),
    staleTime: Infinity,
  });

/** The pages that may frame the embedded room (`EMBED_ORIGINS`): a setting, read once. */
export const embedOptionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.embedOptions,
    queryFn: () => embedApi.options(),
    staleTime: Infinity,
  });

/** One page (50) of the sessions in one status, as the plaza shows them. */
export const sessionListQuery = (status: SessionStatus) =>
  queryOptions({
    queryKey: queryKeys.sessionList(status),
    queryFn: () => sessionsApi.list({ status }),
  });

/** One session, read with the invite secret of a private one, as `viewer` (a user id) sees it. */
export const sessionQuery = (id: string, inviteToken?: string, viewer?: string) =>
  queryOptions({
    queryKey: queryKeys.session(id, inviteToken, viewer),
    queryFn: () => sessionsApi.get(id, inviteToken),
  });

/** A session's recordings. */
export const recordingsQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.recordings(id),
    queryFn: () => sessionsApi.recordings(id),
  });

/** A session's attendance report (hosts, co-hosts and admins). */
export const attendanceQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.attendance(id),
    queryFn: () => sessionsApi.attendance(id),
  });

/** The admin page reads these again this often: its figures and lists follow the platform. */
export const ADMIN_REFRESH_MS = 10_000;

/**
 * The admin page's cards (now) and charts (the range's samples), read again every 10 s; the
 * previous range stays on screen while another one loads.
 */
export const adminStatsQuery = (range: StatsRange) =>
  queryOptions({
    queryKey: queryKeys.adminStats(range),
    queryFn: () => adminApi.stats(range),
    refetchInterval: ADMIN_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

/** Every live session, private ones included (admins see them all), for the admin page. */
export const adminLiveSessionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.adminLiveSessions,
    queryFn: () => sessionsApi.list({ status: 'live', page_size: 100 }),
    refetchInterval: ADMIN_REFRESH_MS,
  });

/** How many accounts or recordings the admin page lists on a page. */
export const ADMIN_PAGE_SIZE = 20;

/** A page (20) of accounts whose email or username contain `query`. */
export const adminUsersQuery = (query: string, page: number) =>
  queryOptions({
    queryKey: queryKeys.adminUsers(query, page),
    queryFn: () => adminApi.users({ q: query || undefined, page, page_size: ADMIN_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

/** A page (20) of every session's recordings. */
export const adminRecordingsQuery = (page: number) =>
  queryOptions({
    queryKey: queryKeys.adminRecordings(page),
    queryFn: () => adminApi.recordings({ page, page_size: ADMIN_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

/** The audit log, newest first, one page (50) at a time going back with `before`. */
export const adminAuditQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: queryKeys.adminAudit(filter),
    queryFn: ({ pageParam }) => adminApi.audit({ ...filter, before: pageParam, limit: 50 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });

/** The webhook endpoints (never their secrets). */
export const adminWebhooksQuery = () =>
  queryOptions({
    queryKey: queryKeys.adminWebhooks,
    queryFn: () => adminApi.webhooks(),
  });

/**
 * One endpoint's delivery log, newest first, 20 at a time going back, read again every 10 s
 * (retries change it on their own).
 */
export const adminWebhookDeliveriesQuery = (
  webhookId: string,
  status: WebhookDeliveryStatus | undefined,
) =>
  infiniteQueryOptions({
    queryKey: queryKeys.adminWebhookDeliveries(webhookId, status),
    queryFn: ({ pageParam }) =>
      adminApi.webhookDeliveries(webhookId, { status, before: pageParam, limit: 20 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
    refetchInterval: ADMIN_REFRESH_MS,
  });
