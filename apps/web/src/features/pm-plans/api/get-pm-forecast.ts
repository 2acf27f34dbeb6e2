import type { PmForecast } from '@msched/contracts';
import { api } from '@/lib/api';

export interface ForecastRange {
  /** ISO instants; the server takes at most 366 days. */
  from: string;
  to: string;
}

/** `GET /pm-plans/forecast?from&to`: occurrences the active plans will make, and load vs capacity per ISO week. */
export const getPmForecastApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPmForecast: build.query<PmForecast, ForecastRange>({
      query: (range) => ({ url: '/pm-plans/forecast', params: { ...range } }),
      providesTags: [{ type: 'PmForecast' }],
    }),
  }),
});

export const { useGetPmForecastQuery } = getPmForecastApi;
