import type { ScheduleRun } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /schedules/runs/:runId`: status, progress and, once done, the proposal. */
export const getScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    getScheduleRun: build.query<ScheduleRun, string>({
      query: (runId) => `/schedules/runs/${runId}`,
      providesTags: (_result, _error, runId) => [{ type: 'ScheduleRun', id: runId }],
    }),
  }),
});

export const { useGetScheduleRunQuery } = getScheduleRunApi;
