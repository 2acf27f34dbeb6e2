import { useMemo, useRef } from 'react';
import { randomId } from './random-id';

/** The key for a body; `forget()` once the server answered, so the next send is a new action. */
export type IdempotencyKeyFor = ((body: unknown) => string) & { forget: () => void };

/**
 * One key per distinct body until the server has answered: sending the same form again (after a
 * lost answer, or a second click while the first is under way) reuses the key, so the server
 * creates nothing twice; a changed body gets a new key (the same key with another body would be
 * refused with 422). A form that stays open for more (a comment, a task, a part line) calls
 * `forget()` after a success: the same text sent again on purpose is then a new thing, not a
 * replay the server would answer with the first one.
 */
export function useIdempotencyKey(): IdempotencyKeyFor {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useMemo(
    () =>
      Object.assign(
        (body: unknown) => {
          const serialized = JSON.stringify(body);
          if (last.current?.body !== serialized) last.current = { body: serialized, key: randomId() };
          return last.current.key;
        },
        {
          forget: () => {
            last.current = null;
          },
        },
      ),
    [],
  );
}
