import { useEffect, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

/** How long typing pauses before a filter asks the server again (the server does not debounce). */
export const TYPING_DEBOUNCE_MS = 300;

/**
 * The text of a filter box bound to a value kept elsewhere (the URL): reports what was typed once
 * typing pauses, and follows the value when it changes from elsewhere.
 */
export function useSettledText(value: string, onSettled: (text: string) => void) {
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(text, TYPING_DEBOUNCE_MS);
  useEffect(() => {
    if (settled !== value) onSettled(settled);
    // Only when the typed text settles; the outside value wins when it changes from elsewhere (below).
  }, [settled]);
  useEffect(() => setText(value), [value]);
  return [text, setText] as const;
}
