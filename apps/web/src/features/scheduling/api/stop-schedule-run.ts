import type { ScheduleRun } from '@msched/contracts';
import { api } from '@/lib/api';
import { getScheduleRunApi } from './get-schedule-run';

/** `DELETE /schedules/runs/:runId`: stops the run and keeps its best proposal. */
export const stopScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    stopScheduleRun: build.mutation<ScheduleRun, string>({
      query: (runId) => ({ url: `/schedules/runs/${runId}`, method: 'DELETE' }),
      async onQueryStarted(runId, { dispatch, queryFulfilled }) {
        const { data } = await queryFulfilled.catch(() => ({ data: null }));
        if (data) dispatch(getScheduleRunApi.util.upsertQueryData('getScheduleRun', runId, data));
      },
    }),
  }),
});

export const { useStopScheduleRunMutation } = stopScheduleRunApi;
