import { type RefObject, useEffect, useRef } from 'react';

/**
 * A button disabled while its work is sent drops the keyboard to the page. When `busy` ends and
 * nothing else took the focus meanwhile, it goes back to `target`, so a keyboard user goes on
 * from where they were. Returns the ref to put on the button.
 */
export function useFocusBackWhenDone<T extends HTMLElement>(busy: boolean): RefObject<T | null> {
  const target = useRef<T>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    if (wasBusy.current && !busy && (active === null || active === document.body)) target.current?.focus();
    wasBusy.current = busy;
  }, [busy]);
  return target;
}
