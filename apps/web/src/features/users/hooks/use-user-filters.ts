import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { UserListArgs } from '../api/list-users';

/** The user list's state in the URL: what the API can filter and page by. */
export interface UserFilters {
  search: string;
  page: number;
  limit: number;
}

const DEFAULT_LIMIT = 20;

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

function read(params: URLSearchParams): UserFilters {
  return {
    search: params.get('search') ?? '',
    page: positive(params.get('page'), 1, 100_000),
    limit: positive(params.get('limit'), DEFAULT_LIMIT, 100),
  };
}

export const userListArgs = (filters: UserFilters): UserListArgs => ({
  page: filters.page,
  limit: filters.limit,
  search: filters.search.trim() || undefined,
});

export function useUserFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => read(params), [params]);
  const update = useCallback(
    (changes: Partial<UserFilters>) =>
      setParams((current) => {
        const next = { ...read(current), ...changes, page: changes.page ?? 1 };
        const url = new URLSearchParams();
        if (next.search) url.set('search', next.search);
        if (next.page !== 1) url.set('page', String(next.page));
        if (next.limit !== DEFAULT_LIMIT) url.set('limit', String(next.limit));
        return url;
      }),
    [setParams],
  );
  return { filters, update };
}
