import type { WorkOrderTask } from '@msched/contracts';
import { api, idempotencyKey } from '@/lib/api';

/** `POST /work-orders/:id/tasks`: a checklist item at the end of the list. */
export const addTaskApi = api.injectEndpoints({
  endpoints: (build) => ({
    addTask: build.mutation<WorkOrderTask, { workOrderId: string; title: string; key: string }>({
      query: ({ workOrderId, title, key }) => ({
        url: `/work-orders/${workOrderId}/tasks`,
        method: 'POST',
        body: { title },
        headers: idempotencyKey(key),
      }),
      invalidatesTags: (_result, _error, { workOrderId }) => [{ type: 'WorkOrder', id: workOrderId }],
    }),
  }),
});

export const { useAddTaskMutation } = addTaskApi;
