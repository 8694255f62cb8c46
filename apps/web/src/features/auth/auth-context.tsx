import { createContext, useCallback, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@stagecast/contracts';
import { authApi } from '../../api/endpoints.js';
import { meQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';

export interface AuthState {
  /** `undefined` while the first check runs; `null` when signed out. */
  user: User | null | undefined;
  login: (email: string, password: string) => Promise<User>;
  register: (email: string, username: string, password: string) => Promise<User>;
  enterAsGuest: (displayName: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

/**
 * Who is signed in (from the HttpOnly cookie, asked of `/api/v1/auth/me` through the query
 * cache), and how to change it: each change writes the answer's user into the cache.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data: user } = useQuery(meQuery());

  const signedIn = useCallback(
    async (call: Promise<{ user: User }>) => {
      const { user: u } = await call;
      queryClient.setQueryData(queryKeys.me, u);
      return u;
    },
    [queryClient],
  );
  const login = useCallback(
    (email: string, password: string) => signedIn(authApi.login(email, password)),
    [signedIn],
  );
  const register = useCallback(
    (email: string, username: string, password: string) =>
      signedIn(authApi.register(email, username, password)),
    [signedIn],
  );
  const enterAsGuest = useCallback(
    (displayName: string) => signedIn(authApi.guest(displayName)),
    [signedIn],
  );
  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    queryClient.setQueryData(queryKeys.me, null);
  }, [queryClient]);

  const value = useMemo(
    () => ({ user, login, register, enterAsGuest, logout }),
    [user, login, register, enterAsGuest, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state; throws outside `AuthProvider`. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
