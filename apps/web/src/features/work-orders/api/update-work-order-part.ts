import type { UpdateWorkOrderPart } from '@msched/contracts';
import { api } from '@/lib/api';
import type { PartLineResult } from './add-work-order-part';

/** `PATCH /work-orders/:id/parts/:lineId`: issue or release a reservation, return what was issued. */
export const updateWorkOrderPartApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateWorkOrderPart: build.mutation<PartLineResult, { workOrderId: string; lineId: string; status: UpdateWorkOrderPart['status'] }>({
      query: ({ workOrderId, lineId, status }) => ({
        url: `/work-orders/${workOrderId}/parts/${lineId}`,
        method: 'PATCH',
        body: { status },
      }),
      invalidatesTags: (_result, _error, { workOrderId }) => [
        { type: 'WorkOrder', id: workOrderId },
        { type: 'Lookup', id: 'parts' },
      ],
    }),
  }),
});

export const { useUpdateWorkOrderPartMutation } = updateWorkOrderPartApi;
