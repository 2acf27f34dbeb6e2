import { api, ifMatch } from '@/lib/api';
import { changedPmPlanTags } from './tags';

/** `DELETE /pm-plans/:id`: generation stops; work orders already made stay. */
export const deletePmPlanApi = api.injectEndpoints({
  endpoints: (build) => ({
    deletePmPlan: build.mutation<void, { id: string; version: number }>({
      query: ({ id, version }) => ({ url: `/pm-plans/${id}`, method: 'DELETE', headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) => (error ? [] : changedPmPlanTags(id)),
    }),
  }),
});

export const { useDeletePmPlanMutation } = deletePmPlanApi;
