import { useEffect, useState } from 'react';
import type { Session } from '@stagecast/contracts';
import { sessionsApi } from '../../api/endpoints.js';

export interface PlazaSessions {
  live: Session[];
  upcoming: Session[];
  loaded: boolean;
  failed: boolean;
}

/** Live and upcoming sessions, refreshed every `intervalMs` and when the tab becomes visible. */
export function usePlazaSessions(intervalMs = 5000): PlazaSessions {
  const [state, setState] = useState<PlazaSessions>({
    live: [],
    upcoming: [],
    loaded: false,
    failed: false,
  });

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const [live, upcoming] = await Promise.all([
          sessionsApi.list({ status: 'live' }),
          sessionsApi.list({ status: 'scheduled' }),
        ]);
        const soonestFirst = [...upcoming.sessions].sort(
          (a, b) => Date.parse(a.scheduled_at ?? '9999') - Date.parse(b.scheduled_at ?? '9999'),
        );
        if (!cancelled)
          setState({ live: live.sessions, upcoming: soonestFirst, loaded: true, failed: false });
      } catch {
        if (!cancelled) setState((s) => ({ ...s, loaded: true, failed: true }));
      }
    };
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs]);

  return state;
}
