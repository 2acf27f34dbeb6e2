import { EQUIPMENT_STATUSES, type EquipmentStatus } from '@msched/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { EquipmentListArgs } from '../api/list-equipment';

/** The register's state, as it sits in the URL (shareable; the dashboard links to `?type=`). */
export interface EquipmentFilters {
  location: string;
  status: EquipmentStatus | '';
  type: string;
  search: string;
  page: number;
  limit: number;
}

const DEFAULTS: EquipmentFilters = { location: '', status: '', type: '', search: '', page: 1, limit: 20 };

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

export function equipmentFiltersFrom(params: URLSearchParams): EquipmentFilters {
  const status = params.get('status') ?? '';
  return {
    location: params.get('location') ?? '',
    status: (EQUIPMENT_STATUSES as readonly string[]).includes(status) ? (status as EquipmentStatus) : '',
    type: params.get('type') ?? '',
    search: params.get('search') ?? '',
    page: positive(params.get('page'), 1, 100_000),
    limit: positive(params.get('limit'), DEFAULTS.limit, 100),
  };
}

export const equipmentListArgs = (filters: EquipmentFilters): EquipmentListArgs => ({
  page: filters.page,
  limit: filters.limit,
  locationId: filters.location || undefined,
  status: filters.status || undefined,
  type: filters.type.trim() || undefined,
  search: filters.search.trim() || undefined,
});

/** Reads and writes the filters; any change but paging starts again at page 1. */
export function useEquipmentFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => equipmentFiltersFrom(params), [params]);
  const update = useCallback(
    (changes: Partial<EquipmentFilters>) =>
      setParams((current) => {
        const next: EquipmentFilters = { ...equipmentFiltersFrom(current), ...changes, page: changes.page ?? 1 };
        const url = new URLSearchParams();
        for (const key of Object.keys(DEFAULTS) as (keyof EquipmentFilters)[]) {
          if (String(next[key]) !== String(DEFAULTS[key])) url.set(key, String(next[key]));
        }
        return url;
      }),
    [setParams],
  );
  return { filters, update };
}
