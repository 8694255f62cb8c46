import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { User } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { authApi } from '../../api/endpoints.js';

export interface AuthState {
  /** `undefined` while the first check runs; `null` when signed out. */
  user: User | null | undefined;
  login: (email: string, password: string) => Promise<User>;
  register: (email: string, username: string, password: string) => Promise<User>;
  enterAsGuest: (displayName: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

/** Who is signed in (from the HttpOnly cookie, asked of `/api/v1/auth/me`), and how to change it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    authApi
      .me()
      .then((r) => !cancelled && setUser(r.user))
      .catch((err: unknown) => {
        if (!cancelled) setUser(err instanceof ApiError && err.status === 401 ? null : null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const { user: u } = await authApi.login(email, password);
    setUser(u);
    return u;
  }, []);
  const register = useCallback(async (email: string, username: string, password: string) => {
    const { user: u } = await authApi.register(email, username, password);
    setUser(u);
    return u;
  }, []);
  const enterAsGuest = useCallback(async (displayName: string) => {
    const { user: u } = await authApi.guest(displayName);
    setUser(u);
    return u;
  }, []);
  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    setUser(null);
  }, []);

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
