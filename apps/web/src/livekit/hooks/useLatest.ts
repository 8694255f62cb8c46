import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref to the latest `value`, for listeners subscribed once that must call the current
 * callback (a new function each render would otherwise resubscribe every render).
 */
export function useLatest<T>(value: T): RefObject<T> {
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });
  return latest;
}
