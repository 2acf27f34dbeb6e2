import type { TechnicianAvailabilityResponse, z } from '@msched/contracts';
import { api } from '@/lib/api';

export type TechnicianAvailability = z.infer<typeof TechnicianAvailabilityResponse>;

/** `GET /technicians/:id/availability`: weekly shift pattern and dated exceptions (leave, extra time). */
export const getTechnicianAvailabilityApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTechnicianAvailability: build.query<TechnicianAvailability, string>({
      query: (technicianId) => `/technicians/${technicianId}/availability`,
      providesTags: (_result, _error, technicianId) => [{ type: 'TechnicianAvailability', id: technicianId }],
    }),
  }),
});

export const { useGetTechnicianAvailabilityQuery } = getTechnicianAvailabilityApi;
