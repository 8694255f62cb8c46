import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider } from '../features/auth/auth-context.js';

/**
 * What every page stands on: the query cache (server state) and who is signed in. The app gives
 * its one client; a test gives a fresh one.
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children?: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>{children}</AuthProvider>
    </QueryClientProvider>
  );
}
