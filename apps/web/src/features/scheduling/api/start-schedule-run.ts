import type { SolveAccepted } from '@msched/contracts';
import { api } from '@/lib/api';

export interface StartScheduleRunArgs {
  from: string;
  to: string;
  timeLimitSeconds: number;
  seed?: number;
}

/** `POST /schedules/solve` (202): the optimizer plans every schedulable work order in the range. */
export const startScheduleRunApi = api.injectEndpoints({
  endpoints: (build) => ({
    startScheduleRun: build.mutation<SolveAccepted, StartScheduleRunArgs>({
      query: (args) => ({ url: '/schedules/solve', method: 'POST', body: { ...args, mode: 'full' } }),
    }),
  }),
});

export const { useStartScheduleRunMutation } = startScheduleRunApi;
