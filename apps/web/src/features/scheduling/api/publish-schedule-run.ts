import type { PublishResult } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `POST /schedules/runs/:runId/publish`: books the proposal; work changed since the run is reported, not overwritten. */
export const publishScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    publishScheduleRun: build.mutation<PublishResult, string>({
      query: (runId) => ({ url: `/schedules/runs/${runId}/publish`, method: 'POST' }),
      invalidatesTags: (_result, error, runId) =>
        error ? [] : [{ type: 'ScheduleRun', id: runId }, 'TechnicianSchedule', { type: 'WorkOrder', id: LIST }],
    }),
  }),
});

export const { usePublishScheduleRunMutation } = publishScheduleRunApi;
