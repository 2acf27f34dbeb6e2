import type { PmCompliance } from '@msched/contracts';
import { api } from '@/lib/api';
import type { ForecastRange } from './get-pm-forecast';

/** `GET /pm-plans/compliance?from&to`: PM work due in the range, and how much was done within its window. */
export const getPmComplianceApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPmCompliance: build.query<PmCompliance, ForecastRange>({
      query: (range) => ({ url: '/pm-plans/compliance', params: { ...range } }),
      providesTags: [{ type: 'PmForecast' }],
    }),
  }),
});

export const { useGetPmComplianceQuery } = getPmComplianceApi;
