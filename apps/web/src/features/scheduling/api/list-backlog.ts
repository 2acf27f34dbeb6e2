import type { WorkOrderPage } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export type BacklogSort = '-priority' | 'dueDate';

export interface BacklogArgs {
  page: number;
  limit: number;
  sort: BacklogSort;
  search?: string;
}

/** `GET /work-orders?status=OPEN`: the unscheduled backlog, paged and sorted on the server. */
export const listBacklogApi = api.injectEndpoints({
  endpoints: (build) => ({
    listBacklog: build.query<WorkOrderPage, BacklogArgs>({
      query: (args) => ({ url: '/work-orders', params: queryParams({ ...args, status: 'OPEN', include: 'equipment' }) }),
      // The work-order list tag: a work order created, assigned or reopened anywhere refreshes it.
      providesTags: [{ type: 'WorkOrder', id: LIST }],
    }),
  }),
});

export const { useListBacklogQuery } = listBacklogApi;
