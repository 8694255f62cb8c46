import { queryOptions } from '@tanstack/react-query';
import type { SessionStatus, User } from '@stagecast/contracts';
import { authApi, sessionsApi } from './endpoints.js';
import { queryKeys } from './query-keys.js';

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
