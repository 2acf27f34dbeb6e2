import type { TechnicianAvailabilityResponse, z } from '@msched/contracts';
import { api } from '@/lib/api';

export type AvailabilityPlan = z.infer<typeof TechnicianAvailabilityResponse>;

/** `GET /technicians/:id/availability`: time zone, weekly shifts and dated exceptions, with the version to edit against. */
export const getAvailabilityPlanApi = api.injectEndpoints({
  endpoints: (build) => ({
    getAvailabilityPlan: build.query<AvailabilityPlan, string>({
      query: (technicianId) => `/technicians/${technicianId}/availability`,
      providesTags: (_plan, _error, technicianId) => [{ type: 'TechnicianAvailability', id: technicianId }],
    }),
  }),
});

export const { useGetAvailabilityPlanQuery } = getAvailabilityPlanApi;
