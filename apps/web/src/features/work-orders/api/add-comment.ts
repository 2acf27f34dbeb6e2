import type { WorkOrderComment } from '@msched/contracts';
import { api, idempotencyKey } from '@/lib/api';

/** `POST /work-orders/:id/comments` */
export const addCommentApi = api.injectEndpoints({
  endpoints: (build) => ({
    addComment: build.mutation<WorkOrderComment, { workOrderId: string; body: string; key: string }>({
      query: ({ workOrderId, body, key }) => ({
        url: `/work-orders/${workOrderId}/comments`,
        method: 'POST',
        body: { body },
        headers: idempotencyKey(key),
      }),
      invalidatesTags: (_result, _error, { workOrderId }) => [{ type: 'WorkOrderComments', id: workOrderId }],
    }),
  }),
});

export const { useAddCommentMutation } = addCommentApi;
