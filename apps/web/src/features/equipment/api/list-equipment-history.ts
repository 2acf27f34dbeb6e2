import type { FINISHED_WORK_ORDER_STATUSES, Priority, WorkOrderPage } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

export type FinishedStatus = (typeof FINISHED_WORK_ORDER_STATUSES)[number];

export interface EquipmentHistoryArgs {
  equipmentId: string;
  page: number;
  limit: number;
  status?: FinishedStatus[];
  priority?: Priority[];
  /** Instants bounding the actual end. */
  dateFrom?: string;
  dateTo?: string;
  technicianId?: string;
}

/** `GET /equipment/:id/history`: finished work (completed, closed, cancelled), newest end first, paged and filtered on the server. */
export const listEquipmentHistoryApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentHistory: build.query<WorkOrderPage, EquipmentHistoryArgs>({
      query: ({ equipmentId, ...filters }) => ({ url: `/equipment/${equipmentId}/history`, params: queryParams({ ...filters }) }),
      providesTags: (_page, _error, { equipmentId }) => [{ type: 'EquipmentWork', id: equipmentId }],
    }),
  }),
});

export const { useListEquipmentHistoryQuery } = listEquipmentHistoryApi;
