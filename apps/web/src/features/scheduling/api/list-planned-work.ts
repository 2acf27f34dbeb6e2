import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { WorkOrder, WorkOrderPage } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';
import { PLANNED_STATUSES } from '../utils/plan-diff';

/** 50 pages of 100: the most work an optimizer run takes (5,000 work orders). */
const MAX_PAGES = 50;

/**
 * `GET /work-orders?status=OPEN,SCHEDULED,ON_HOLD,IN_PROGRESS`, every page (keyset cursor): the
 * work an optimizer run is about, as it is now, so its proposal can be compared with the current
 * plan. Fetched when a proposal is opened and after publishing, not on every event.
 */
export const listPlannedWorkApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPlannedWork: build.query<WorkOrder[], string>({
      async queryFn(_runId, _api, _extra, baseQuery) {
        const workOrders: WorkOrder[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const params = queryParams({ status: [...PLANNED_STATUSES], sort: 'workOrderNumber', limit: 100, cursor: cursor ?? '' });
          const result = await baseQuery({ url: '/work-orders', params: cursor ? params : { ...params, page: '1' } });
          if (result.error) return { error: result.error as FetchBaseQueryError };
          const body = result.data as WorkOrderPage;
          workOrders.push(...body.data);
          if (!body.nextCursor) break;
          cursor = body.nextCursor;
        }
        return { data: workOrders };
      },
      providesTags: (_result, _error, runId) => [{ type: 'ScheduleRun', id: runId }],
    }),
  }),
});

export const { useListPlannedWorkQuery } = listPlannedWorkApi;
