import { useCallback, useRef } from 'react';
import { randomId } from './random-id';

/**
 * One key per distinct body: sending the same form again (after a lost answer) reuses the key,
 * so the server creates nothing twice; a changed body gets a new key (the same key with another
 * body would be refused with 422).
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback((body: unknown) => {
    const serialized = JSON.stringify(body);
    if (last.current?.body !== serialized) last.current = { body: serialized, key: randomId() };
    return last.current.key;
  }, []);
}
