import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSessionBody } from '@stagecast/contracts';
import { sessionsApi } from '../../api/endpoints.js';
import { queryKeys } from '../../api/query-keys.js';

/** Creates a session; the cached session lists are refetched, so the plaza shows it at once. */
export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionBody) => sessionsApi.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}
