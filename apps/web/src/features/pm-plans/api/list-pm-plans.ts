import type { Paged, PmPlan, PmPlanStatus } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface PmPlanListArgs {
  page: number;
  limit: number;
  status?: PmPlanStatus;
  equipmentId?: string;
}

/** `GET /pm-plans`: paged and filtered (status, equipment) on the server. */
export const listPmPlansApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPmPlans: build.query<Paged<PmPlan>, PmPlanListArgs>({
      query: (args) => ({ url: '/pm-plans', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'PmPlan', id: LIST }],
    }),
  }),
});

export const { useListPmPlansQuery } = listPmPlansApi;
