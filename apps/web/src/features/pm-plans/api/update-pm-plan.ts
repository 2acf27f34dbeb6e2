import type { PmPlan, UpdatePmPlan } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import { changedPmPlanTags } from './tags';

/** `PATCH /pm-plans/:id` against the version edited (412 if changed since); pausing is `{ status: 'PAUSED' }`. */
export const updatePmPlanApi = api.injectEndpoints({
  endpoints: (build) => ({
    updatePmPlan: build.mutation<PmPlan, { id: string; version: number; changes: UpdatePmPlan }>({
      query: ({ id, version, changes }) => ({ url: `/pm-plans/${id}`, method: 'PATCH', body: changes, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) => (error ? [] : changedPmPlanTags(id)),
    }),
  }),
});

export const { useUpdatePmPlanMutation } = updatePmPlanApi;
