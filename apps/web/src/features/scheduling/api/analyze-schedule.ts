import type { ScheduleAnalysis, ScheduleAssignment } from '@msched/contracts';
import { api } from '@/lib/api';

export interface AnalyzeScheduleArgs {
  from: string;
  to: string;
  workOrderIds: string[];
  assignments: ScheduleAssignment[];
}

/** `POST /schedules/analyze`: scores a given plan with the optimizer's constraints (a read, hence a query). */
export const analyzeScheduleApi = api.injectEndpoints({
  endpoints: (build) => ({
    analyzeSchedule: build.query<ScheduleAnalysis, AnalyzeScheduleArgs>({
      query: (body) => ({ url: '/schedules/analyze', method: 'POST', body }),
    }),
  }),
});

export const { useAnalyzeScheduleQuery } = analyzeScheduleApi;
