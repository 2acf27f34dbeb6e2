import { OPEN_WORK_ORDER_STATUSES, type WorkOrderPage } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `GET /work-orders/equipment/:id?status=<open>`: work still to do on it, soonest due first, paged. */
export const listEquipmentOpenWorkApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentOpenWork: build.query<WorkOrderPage, { equipmentId: string; page: number; limit: number }>({
      query: ({ equipmentId, page, limit }) => ({
        url: `/work-orders/equipment/${equipmentId}`,
        params: { status: OPEN_WORK_ORDER_STATUSES.join(','), sort: 'dueDate', include: 'technician', page, limit },
      }),
      // Also a work-order list: changes made on the work-order screens refresh it.
      providesTags: (_page, _error, { equipmentId }) => [
        { type: 'EquipmentWork', id: equipmentId },
        { type: 'WorkOrder', id: LIST },
      ],
    }),
  }),
});

export const { useListEquipmentOpenWorkQuery } = listEquipmentOpenWorkApi;
