import type { Priority, WorkOrderPage, WorkOrderSort, WorkOrderStatus } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface WorkOrderListArgs {
  page: number;
  limit: number;
  sort: WorkOrderSort;
  status?: WorkOrderStatus[];
  priority?: Priority[];
  technicianId?: string;
  equipmentId?: string;
  dueDateFrom?: string;
  dueDateTo?: string;
  createdAfter?: string;
  search?: string;
}

/** `GET /work-orders`: filtered, sorted and paged on the server, with names of equipment and technician. */
export const listWorkOrdersApi = api.injectEndpoints({
  endpoints: (build) => ({
    listWorkOrders: build.query<WorkOrderPage, WorkOrderListArgs>({
      query: (args) => ({ url: '/work-orders', params: queryParams({ ...args, include: 'technician,equipment' }) }),
      // Lists carry only the LIST tag: a refetched detail must not drag every list along with it.
      providesTags: [{ type: 'WorkOrder', id: LIST }],
    }),
  }),
});

export const { useListWorkOrdersQuery } = listWorkOrdersApi;
