import type { WorkOrderPage } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id/history`: finished work (completed, closed, cancelled), newest end first, paged. */
export const listEquipmentHistoryApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentHistory: build.query<WorkOrderPage, { equipmentId: string; page: number; limit: number }>({
      query: ({ equipmentId, page, limit }) => ({ url: `/equipment/${equipmentId}/history`, params: { page, limit } }),
      providesTags: (_page, _error, { equipmentId }) => [{ type: 'EquipmentWork', id: equipmentId }],
    }),
  }),
});

export const { useListEquipmentHistoryQuery } = listEquipmentHistoryApi;
