import { PM_PLAN_STATUSES, type PmPlanStatus } from '@msched/contracts';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PLAN_TABS = ['plans', 'forecast', 'holidays'] as const;
export type PlanTab = (typeof PLAN_TABS)[number];

export interface PlanListParams {
  tab: PlanTab;
  status: PmPlanStatus | '';
  equipmentId: string;
  page: number;
  limit: number;
  /** Forecast horizon in weeks. */
  weeks: number;
}

const DEFAULTS: PlanListParams = { tab: 'plans', status: '', equipmentId: '', page: 1, limit: 20, weeks: 13 };

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

function read(params: URLSearchParams): PlanListParams {
  const tab = params.get('tab') ?? '';
  const status = params.get('status') ?? '';
  return {
    tab: (PLAN_TABS as readonly string[]).includes(tab) ? (tab as PlanTab) : DEFAULTS.tab,
    status: (PM_PLAN_STATUSES as readonly string[]).includes(status) ? (status as PmPlanStatus) : '',
    equipmentId: params.get('equipmentId') ?? '',
    page: positive(params.get('page'), 1, 100_000),
    limit: positive(params.get('limit'), DEFAULTS.limit, 100),
    weeks: positive(params.get('weeks'), DEFAULTS.weeks, 52),
  };
}

/** The PM screen's tab, list filters and forecast horizon, kept in the URL (shareable, kept by Back). */
export function usePlanListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => read(searchParams), [searchParams]);
  const update = useCallback(
    (changes: Partial<PlanListParams>) =>
      setSearchParams((current) => {
        const next = { ...read(current), ...changes, page: changes.page ?? (changes.tab ? read(current).page : 1) };
        const url = new URLSearchParams();
        for (const key of Object.keys(DEFAULTS) as (keyof PlanListParams)[]) {
          if (String(next[key]) !== String(DEFAULTS[key]) && next[key] !== '') url.set(key, String(next[key]));
        }
        return url;
      }),
    [setSearchParams],
  );
  return { params, update };
}
