import type { PmPlan } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /pm-plans/:id` with its targets (next due date per equipment). */
export const getPmPlanApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPmPlan: build.query<PmPlan, string>({
      query: (id) => `/pm-plans/${id}`,
      providesTags: (_plan, _error, id) => [{ type: 'PmPlan', id }],
    }),
  }),
});

export const { useGetPmPlanQuery } = getPmPlanApi;
