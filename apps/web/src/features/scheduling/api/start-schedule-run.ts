import type { SolveAccepted, WorkFilter } from '@msched/contracts';
import { api } from '@/lib/api';

export interface StartScheduleRunArgs {
  from: string;
  to: string;
  timeLimitSeconds: number;
  seed?: number;
  /** Narrows the work planned (by default every schedulable work order in the range). */
  filter?: WorkFilter;
}

/** `POST /schedules/solve` (202): the optimizer plans the schedulable work orders in the range (all, or those the filter picks). */
export const startScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    startScheduleRun: build.mutation<SolveAccepted, StartScheduleRunArgs>({
      query: (args) => ({ url: '/schedules/solve', method: 'POST', body: { ...args, mode: 'full' } }),
    }),
  }),
});

export const { useStartScheduleRunMutation } = startScheduleRunApi;
