import type { UpdateWorkOrderPart } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import type { PartLineResult } from './add-work-order-part';

/** `PATCH /work-orders/:id/parts/:lineId`: issue or release a reservation, return what was issued. */
export const updateWorkOrderPartApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateWorkOrderPart: build.mutation<
      PartLineResult,
      { workOrderId: string; lineId: string; version: number; status: UpdateWorkOrderPart['status'] }
    >({
      // Against the version shown: a line someone else moved meanwhile is a 412, not moved twice.
      query: ({ workOrderId, lineId, version, status }) => ({
        url: `/work-orders/${workOrderId}/parts/${lineId}`,
        method: 'PATCH',
        body: { status },
        headers: ifMatch(version),
      }),
      // Not after a 412: the refusal stays shown with its Reload until newer lines arrive (Reload,
      // or the real-time channel); fetched at once, they would wipe it before it could be read.
      invalidatesTags: (_result, error, { workOrderId }) =>
        error?.status === 412
          ? []
          : [
              { type: 'WorkOrder', id: workOrderId },
              { type: 'Lookup', id: 'parts' },
            ],
    }),
  }),
});

export const { useUpdateWorkOrderPartMutation } = updateWorkOrderPartApi;
