import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { readWaitEvents } from './wait-events.js';

/** How the wait ended: let in (or the stream was lost: knock again), turned away, or over. */
export type LobbyOutcome = 'again' | 'denied' | 'ended';

// Before knocking again after the stream was lost.
const RETRY_MS = 1_500;

/**
 * Holds the waiting room's stream open while mounted and reports its outcome once: `again`
 * when admitted (the page joins again, now for a token) or when the stream was lost (joining
 * again knocks again, or finds the admission); `denied`; `ended`. `lost` is true meanwhile.
 */
export function useLobbyWait(waitUrl: string, onOutcome: (outcome: LobbyOutcome) => void) {
  const latest = useRef(onOutcome);
  useLayoutEffect(() => {
    latest.current = onOutcome;
  });
  const [lost, setLost] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    let decided = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const decide = (outcome: LobbyOutcome) => {
      if (decided || controller.signal.aborted) return;
      decided = true;
      latest.current(outcome);
    };
    readWaitEvents(waitUrl, controller.signal, (event) => {
      if (event.status === 'admitted') decide('again');
      else if (event.status === 'denied') decide('denied');
      else if (event.status === 'ended') decide('ended');
    })
      .catch(() => undefined)
      .finally(() => {
        if (decided || controller.signal.aborted) return;
        setLost(true);
        retry = setTimeout(() => decide('again'), RETRY_MS);
      });
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [waitUrl, latest]);
  return { lost };
}
