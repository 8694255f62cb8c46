import { useState } from 'react';
import type { ChangeEvent } from 'react';

/**
 * The values of a form's text inputs, and `bind(key)`: the props that tie one input to its
 * value (with the test id `${testIdPrefix}-${key}`).
 */
export function useTextFields<K extends string>(initial: Record<K, string>, testIdPrefix: string) {
  const [values, setValues] = useState(initial);
  const bind = (key: K) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value })),
    'data-testid': `${testIdPrefix}-${key}`,
  });
  return { values, bind };
}
