import { useState } from 'react';
import type { FormEvent } from 'react';

/**
 * A form's submit: runs `action`, is `busy` meanwhile, and keeps the failure as a message
 * (`describe` turns the error into words for the reader).
 */
export function useFormSubmit(action: () => Promise<void>, describe: (err: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return { busy, error, onSubmit };
}
