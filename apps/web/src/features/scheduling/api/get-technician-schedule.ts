import type { TechnicianSchedule } from '@msched/contracts';
import { api } from '@/lib/api';

export interface TechnicianScheduleArgs {
  technicianId: string;
  start: string;
  end: string;
}

/** `GET /technicians/:id/schedule`: booked work (scheduled, in progress, pending approval) overlapping the range. */
export const getTechnicianScheduleApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTechnicianSchedule: build.query<TechnicianSchedule, TechnicianScheduleArgs>({
      query: ({ technicianId, start, end }) => ({ url: `/technicians/${technicianId}/schedule`, params: { start, end } }),
      providesTags: (_result, _error, { technicianId }) => [{ type: 'TechnicianSchedule', id: technicianId }],
    }),
  }),
});

export const { useGetTechnicianScheduleQuery } = getTechnicianScheduleApi;
