import type { ChangeWorkOrderStatus, WorkOrder } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import { changedWorkOrderTags } from './tags';

/** `POST /work-orders/:id/status`: one transition of the state machine, against a known version. */
export const changeWorkOrderStatusApi = api.injectEndpoints({
  endpoints: (build) => ({
    changeWorkOrderStatus: build.mutation<WorkOrder, { id: string; version: number } & ChangeWorkOrderStatus>({
      query: ({ id, version, ...body }) => ({ url: `/work-orders/${id}/status`, method: 'POST', body, headers: ifMatch(version) }),
      invalidatesTags: (_result, _error, { id }) => changedWorkOrderTags(id),
    }),
  }),
});

export const { useChangeWorkOrderStatusMutation } = changeWorkOrderStatusApi;
