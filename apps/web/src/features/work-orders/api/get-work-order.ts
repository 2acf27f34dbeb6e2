import type { WorkOrder } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /work-orders/:id` with everything the detail screen shows. */
export const getWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    getWorkOrder: build.query<WorkOrder, string>({
      query: (id) => ({ url: `/work-orders/${id}`, params: { include: 'technician,equipment,tasks,parts' } }),
      providesTags: (_workOrder, _error, id) => [{ type: 'WorkOrder', id }],
    }),
  }),
});

export const { useGetWorkOrderQuery } = getWorkOrderApi;
