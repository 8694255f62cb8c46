import { useCallback, useState } from 'react';

/**
 * A side panel's actions (vote, ask, upvote…): `act(action)` runs one and resolves true once it
 * worked; `failed` holds from a failed one until the next one starts.
 */
export function usePanelActions() {
  const [failed, setFailed] = useState(false);
  const act = useCallback((action: Promise<void>) => {
    setFailed(false);
    return action.then(
      () => true,
      () => {
        setFailed(true);
        return false;
      },
    );
  }, []);
  return { failed, act };
}
