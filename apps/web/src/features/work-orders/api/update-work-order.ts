import type { UpdateWorkOrder, WorkOrder } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import { changedWorkOrderTags } from './tags';

/** `PATCH /work-orders/:id` against the version the user edited: 412 if someone changed it since. */
export const updateWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateWorkOrder: build.mutation<WorkOrder, { id: string; version: number; changes: UpdateWorkOrder }>({
      query: ({ id, version, changes }) => ({ url: `/work-orders/${id}`, method: 'PATCH', body: changes, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) => (error ? [] : changedWorkOrderTags(id)),
    }),
  }),
});

export const { useUpdateWorkOrderMutation } = updateWorkOrderApi;
