import type { PublishResult } from '@msched/contracts';
import { LIST, api } from '@/lib/api';
import { toProblem } from '@/lib/problem';

/**
 * `POST /schedules/runs/:runId/publish`: books the proposal; work changed since the run is reported, not overwritten.
 * A 409 (most often: someone else published it first, booking the plan) asks the run and the rows
 * again too, so the screen shows the run as published and the plan as booked.
 */
export const publishScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    publishScheduleRun: build.mutation<PublishResult, string>({
      query: (runId) => ({ url: `/schedules/runs/${runId}/publish`, method: 'POST' }),
      invalidatesTags: (_result, error, runId) =>
        error && toProblem(error)?.status !== 409
          ? []
          : [{ type: 'ScheduleRun', id: runId }, 'TechnicianSchedule', { type: 'WorkOrder', id: LIST }],
    }),
  }),
});

export const { usePublishScheduleRunMutation } = publishScheduleRunApi;
