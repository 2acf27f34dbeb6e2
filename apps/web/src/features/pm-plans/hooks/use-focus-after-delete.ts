import type { PmPlan } from '@msched/contracts';
import { type RefObject, useCallback, useEffect, useRef } from 'react';

/** Marks each row's Delete button, where the focus goes once the row above it is deleted. */
export const DELETE_ACTION = 'data-pm-plan-delete';

/**
 * A deleted plan's row leaves the list when the list is fetched again, and the keyboard focus
 * (back on its Delete once the confirmation closed) drops to the page. Then, unless something
 * else took it, it goes to the Delete of the row now in its place (the one above when the last
 * row went), or to the list itself when no row is left. Returns what to call once a plan is deleted.
 */
export function useFocusAfterDelete(list: RefObject<HTMLElement | null>, plans: PmPlan[] | undefined) {
  const deleted = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const gone = deleted.current;
    if (!gone || !plans || plans.some((plan) => plan.id === gone.id)) return;
    deleted.current = null;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const actions = list.current?.querySelectorAll<HTMLElement>(`[${DELETE_ACTION}]`) ?? [];
    (actions[Math.min(gone.index, actions.length - 1)] ?? list.current)?.focus();
  }, [plans, list]);
  return useCallback((id: string, index: number) => {
    deleted.current = { id, index };
  }, []);
}
