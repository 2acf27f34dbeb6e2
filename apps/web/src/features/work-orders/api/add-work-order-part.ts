import type { AddWorkOrderPart, WorkOrderPartLineResult, z } from '@msched/contracts';
import { api, idempotencyKey } from '@/lib/api';

export type PartLineResult = z.infer<typeof WorkOrderPartLineResult>;

/** `POST /work-orders/:id/parts`: reserve or issue stock; 409 when there is not enough. */
export const addWorkOrderPartApi = api.injectEndpoints({
  endpoints: (build) => ({
    addWorkOrderPart: build.mutation<PartLineResult, { workOrderId: string; body: AddWorkOrderPart; key: string }>({
      query: ({ workOrderId, body, key }) => ({
        url: `/work-orders/${workOrderId}/parts`,
        method: 'POST',
        body,
        headers: idempotencyKey(key),
      }),
      invalidatesTags: (_result, _error, { workOrderId }) => [
        { type: 'WorkOrder', id: workOrderId },
        { type: 'Lookup', id: 'parts' },
      ],
    }),
  }),
});

export const { useAddWorkOrderPartMutation } = addWorkOrderPartApi;
