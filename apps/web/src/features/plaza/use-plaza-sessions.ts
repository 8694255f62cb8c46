import { useQuery } from '@tanstack/react-query';
import type { Session } from '@stagecast/contracts';
import { sessionListQuery } from '../../api/queries.js';

export interface PlazaSessions {
  live: Session[];
  upcoming: Session[];
  loaded: boolean;
  failed: boolean;
}

const soonestFirst = ({ sessions }: { sessions: Session[] }) =>
  [...sessions].sort(
    (a, b) => Date.parse(a.scheduled_at ?? '9999') - Date.parse(b.scheduled_at ?? '9999'),
  );

/**
 * Live and upcoming sessions, refreshed every `intervalMs` and when the tab becomes visible.
 * A failed refresh keeps the last lists on screen, flagged `failed` until one succeeds.
 */
export function usePlazaSessions(intervalMs = 5000): PlazaSessions {
  const polling = {
    refetchInterval: intervalMs,
    // A plaza left open in a background tab is current when one looks at it again.
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
  } as const;
  const live = useQuery({ ...sessionListQuery('live'), ...polling });
  const upcoming = useQuery({ ...sessionListQuery('scheduled'), ...polling, select: soonestFirst });
  const failed = live.isError || upcoming.isError;
  return {
    live: live.data?.sessions ?? [],
    upcoming: upcoming.data ?? [],
    loaded: failed || (!live.isPending && !upcoming.isPending),
    failed,
  };
}
