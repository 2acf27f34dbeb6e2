import type { WorkOrderHistoryEntry } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /work-orders/:id/history`: status changes and field changes, with who and when. */
export const getWorkOrderHistoryApi = api.injectEndpoints({
  endpoints: (build) => ({
    getWorkOrderHistory: build.query<WorkOrderHistoryEntry[], string>({
      query: (workOrderId) => `/work-orders/${workOrderId}/history`,
      providesTags: (_entries, _error, workOrderId) => [{ type: 'WorkOrderHistory', id: workOrderId }],
    }),
  }),
});

export const { useGetWorkOrderHistoryQuery } = getWorkOrderHistoryApi;
