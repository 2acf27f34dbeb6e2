import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TechnicianListArgs } from '../api/list-technicians';

/** The roster's state in the URL. */
export interface TechnicianFilters {
  search: string;
  skill: string;
  /** '' = everyone. */
  active: '' | 'true' | 'false';
  page: number;
  limit: number;
}

const DEFAULTS: TechnicianFilters = { search: '', skill: '', active: 'true', page: 1, limit: 20 };

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

function read(params: URLSearchParams): TechnicianFilters {
  const active = params.get('active');
  return {
    search: params.get('search') ?? '',
    skill: params.get('skill') ?? '',
    // Active technicians unless the URL says otherwise ('all' = everyone).
    active: active === 'false' ? 'false' : active === 'all' ? '' : 'true',
    page: positive(params.get('page'), 1, 100_000),
    limit: positive(params.get('limit'), DEFAULTS.limit, 100),
  };
}

export const technicianListArgs = (filters: TechnicianFilters): TechnicianListArgs => ({
  page: filters.page,
  limit: filters.limit,
  search: filters.search.trim() || undefined,
  skill: filters.skill.trim() || undefined,
  active: filters.active || undefined,
});

export function useTechnicianFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => read(params), [params]);
  const update = useCallback(
    (changes: Partial<TechnicianFilters>) =>
      setParams((current) => {
        const next = { ...read(current), ...changes, page: changes.page ?? 1 };
        const url = new URLSearchParams();
        if (next.search) url.set('search', next.search);
        if (next.skill) url.set('skill', next.skill);
        if (next.active !== DEFAULTS.active) url.set('active', next.active || 'all');
        if (next.page !== 1) url.set('page', String(next.page));
        if (next.limit !== DEFAULTS.limit) url.set('limit', String(next.limit));
        return url;
      }),
    [setParams],
  );
  return { filters, update };
}
