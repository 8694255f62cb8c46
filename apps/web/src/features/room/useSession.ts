import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { sessionQuery } from '../../api/queries.js';

export interface UseSessionResult {
  /** The session, once read; kept while a later read runs or fails for a passing reason. */
  session: Session | undefined;
  /** Why reading failed, while no session could be read. */
  error: unknown;
  /** Replaces the session with a newer copy (e.g. the answer to "go live"). */
  setSession: (session: Session) => void;
  /** Reads the session again. */
  reload: () => void;
}

// A missing or private session is an answer; a network or server hiccup, or a rate limit, is
// worth another try (the last good copy stays on screen meanwhile).
function isAnswer(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429
  );
}

/**
 * Reads a session through the query cache (with the invite token from the link, for private
 * ones), again when `viewer` changes (a guest who just entered may see more), and every `pollMs`
 * while it is set (waiting for a scheduled session to go live).
 */
export function useSession(
  sessionId: string,
  inviteToken: string | undefined,
  viewer: string | undefined,
  pollMs: number | undefined,
): UseSessionResult {
  const queryClient = useQueryClient();
  const { data, error, refetch } = useQuery({
    ...sessionQuery(sessionId, inviteToken, viewer),
    refetchInterval: pollMs ?? false,
    // A new viewer's read keeps the last copy on screen until it answers.
    placeholderData: keepPreviousData,
    refetchIntervalInBackground: true,
  });

  const setSession = useCallback(
    (session: Session) =>
      queryClient.setQueryData(sessionQuery(sessionId, inviteToken, viewer).queryKey, session),
    [queryClient, sessionId, inviteToken, viewer],
  );
  const reload = useCallback(() => void refetch(), [refetch]);
  const session = error && isAnswer(error) ? undefined : data;
  return { session, error: session ? undefined : (error ?? undefined), setSession, reload };
}
