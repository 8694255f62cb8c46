import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element is the page's full-screen element, and a toggle for it; `supported`
 * is false where the browser has no Fullscreen API for it (an iPhone's Safari, say).
 */
export function useFullscreen(ref: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const update = () => setActive(document.fullscreenElement === ref.current && !!ref.current);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [ref]);
  const toggle = useCallback(async () => {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await ref.current?.requestFullscreen();
    } catch {
      // Refused (no user gesture, or a policy): the stage simply stays as it is.
    }
  }, [ref]);
  const supported =
    typeof document !== 'undefined' &&
    document.fullscreenEnabled === true &&
    typeof HTMLElement.prototype.requestFullscreen === 'function';
  return { active, toggle, supported };
}
