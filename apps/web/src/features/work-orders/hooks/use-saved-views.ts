import { useCallback, useEffect, useState } from 'react';
import { viewQueryOf } from '../utils/filters';

export interface SavedView {
  name: string;
  /** The list's URL query (filters, sort and page size; never the page). */
  query: string;
}

const keyFor = (userId: string) => `msched.workOrderViews.${userId}`;

function read(userId: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyFor(userId)) ?? '[]');
    return Array.isArray(parsed)
      ? parsed
          .filter((view): view is SavedView => typeof view?.name === 'string' && typeof view?.query === 'string')
          // Views saved before pages were left out reopen at the first page too.
          .map((view) => ({ name: view.name, query: viewQueryOf(view.query) }))
      : [];
  } catch {
    return [];
  }
}

/**
 * Named filter sets of the work-order list, kept in this browser's localStorage per user (the
 * API has no place for them yet); the UI says so.
 */
export function useSavedViews(userId: string) {
  const [views, setViews] = useState<SavedView[]>(() => read(userId));
  useEffect(() => setViews(read(userId)), [userId]);

  const persist = useCallback(
    (next: SavedView[]) => {
      setViews(next);
      try {
        localStorage.setItem(keyFor(userId), JSON.stringify(next));
      } catch {
        // Storage full or disabled: the views last for this page only.
      }
    },
    [userId],
  );

  const save = useCallback(
    (name: string, query: string) =>
      persist(
        [...views.filter((view) => view.name !== name), { name, query: viewQueryOf(query) }].sort((a, b) => a.name.localeCompare(b.name)),
      ),
    [views, persist],
  );
  const remove = useCallback((name: string) => persist(views.filter((view) => view.name !== name)), [views, persist]);
  return { views, save, remove };
}
