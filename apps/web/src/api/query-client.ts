import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one query cache. No automatic retries: an API answer (403, 404) is final and the
 * pages say so at once, as before; polling and refetch on focus are asked for where wanted.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
