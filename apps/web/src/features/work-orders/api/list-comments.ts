import type { WorkOrderComment } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /work-orders/:id/comments` */
export const listCommentsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listComments: build.query<WorkOrderComment[], string>({
      query: (workOrderId) => `/work-orders/${workOrderId}/comments`,
      providesTags: (_comments, _error, workOrderId) => [{ type: 'WorkOrderComments', id: workOrderId }],
    }),
  }),
});

export const { useListCommentsQuery } = listCommentsApi;
