import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export const TREND_WEEK_CHOICES = [4, 8, 13, 26, 52] as const;
const DEFAULT_WEEKS = 8;

/** How far back the trends look, kept in the URL (`?weeks=13`) so a view can be shared. */
export function useTrendWeeks() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('weeks'));
  const weeks = (TREND_WEEK_CHOICES as readonly number[]).includes(asked) ? asked : DEFAULT_WEEKS;
  const setWeeks = useCallback(
    (next: number) => setParams(next === DEFAULT_WEEKS ? {} : { weeks: String(next) }, { replace: true }),
    [setParams],
  );
  return { weeks, setWeeks };
}
