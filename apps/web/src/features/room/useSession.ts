import { useCallback, useEffect, useState } from 'react';
import type { Session } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { sessionsApi } from '../../api/endpoints.js';

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
// worth another try.
function isAnswer(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429
  );
}

/**
 * Reads a session (with the invite token from the link, for private ones), again when `viewer`
 * changes (a guest who just entered may see more), and every `pollMs` while it is set (waiting
 * for a scheduled session to go live).
 */
export function useSession(
  sessionId: string,
  inviteToken: string | undefined,
  viewer: string | undefined,
  pollMs: number | undefined,
): UseSessionResult {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const load = useCallback(
    async (isCancelled: () => boolean) => {
      try {
        const next = await sessionsApi.get(sessionId, inviteToken);
        if (isCancelled()) return;
        setSession(next);
        setError(undefined);
      } catch (cause) {
        if (isCancelled()) return;
        if (isAnswer(cause)) setSession(undefined);
        setError(cause);
      }
    },
    [sessionId, inviteToken],
  );

  useEffect(() => {
    let cancelled = false;
    void load(() => cancelled);
    return () => {
      cancelled = true;
    };
  }, [load, viewer]);

  useEffect(() => {
    if (pollMs === undefined) return;
    let cancelled = false;
    const timer = setInterval(() => void load(() => cancelled), pollMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [load, pollMs]);

  const reload = useCallback(() => void load(() => false), [load]);
  return { session, error: session ? undefined : error, setSession, reload };
}
