import { useState } from 'react';

/**
 * An action a control starts: `busy` while one runs (the control disabled meanwhile), and
 * `failed`, the `failure` of the last one that threw (cleared when the next starts; the control
 * says it). `run` never throws.
 */
export function useBusyAction<Failure>() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Failure>();
  const run = async (failure: Failure, work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setFailed(undefined);
    try {
      await work();
    } catch {
      setFailed(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failed, setFailed, run };
}
