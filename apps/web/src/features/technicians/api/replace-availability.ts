import type { TechnicianAvailability } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';
import type { AvailabilityPlan } from './get-availability';

/** `PUT /technicians/:id/availability`: the whole plan, against the version edited (412 if changed since). */
export const replaceTechnicianAvailabilityApi = api.injectEndpoints({
  endpoints: (build) => ({
    replaceTechnicianAvailability: build.mutation<
      AvailabilityPlan,
      { technicianId: string; version: number; availability: TechnicianAvailability }
    >({
      query: ({ technicianId, version, availability }) => ({
        url: `/technicians/${technicianId}/availability`,
        method: 'PUT',
        body: availability,
        headers: ifMatch(version),
      }),
      // Shift hours feed utilization, the schedule and the dashboard's capacity.
      invalidatesTags: (_result, error, { technicianId }) =>
        error
          ? []
          : [
              { type: 'TechnicianAvailability', id: technicianId },
              { type: 'TechnicianSchedule', id: technicianId },
              { type: 'Dashboard', id: LIST },
            ],
    }),
  }),
});

export const { useReplaceTechnicianAvailabilityMutation } = replaceTechnicianAvailabilityApi;
