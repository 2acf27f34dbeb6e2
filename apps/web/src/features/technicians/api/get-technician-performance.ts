import type { TechnicianPerformance } from '@msched/contracts';
import { api } from '@/lib/api';
import type { TechnicianRangeArgs } from './get-technician-week';

/** `GET /technicians/:id/performance?start&end`: completion, on-time, first-time-fix and utilization over the range. */
export const getTechnicianPerformanceApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTechnicianPerformance: build.query<TechnicianPerformance, TechnicianRangeArgs>({
      query: ({ technicianId, start, end }) => ({ url: `/technicians/${technicianId}/performance`, params: { start, end } }),
      // Finished work changes it, and every such change also moves the schedule.
      providesTags: (_performance, _error, { technicianId }) => [{ type: 'TechnicianSchedule', id: technicianId }],
    }),
  }),
});

export const { useGetTechnicianPerformanceQuery } = getTechnicianPerformanceApi;
