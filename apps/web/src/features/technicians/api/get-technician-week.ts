import type { TechnicianSchedule } from '@msched/contracts';
import { api } from '@/lib/api';

export interface TechnicianRangeArgs {
  technicianId: string;
  start: string;
  end: string;
}

/** `GET /technicians/:id/schedule?start&end`: booked work overlapping the range, booked and shift hours, utilization. */
export const getTechnicianWeekApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTechnicianWeek: build.query<TechnicianSchedule, TechnicianRangeArgs>({
      query: ({ technicianId, start, end }) => ({ url: `/technicians/${technicianId}/schedule`, params: { start, end } }),
      providesTags: (_schedule, _error, { technicianId }) => [{ type: 'TechnicianSchedule', id: technicianId }],
    }),
  }),
});

export const { useGetTechnicianWeekQuery } = getTechnicianWeekApi;
