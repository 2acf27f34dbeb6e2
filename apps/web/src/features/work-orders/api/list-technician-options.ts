import type { Paged, Technician } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /technicians?active=true`: who work can be assigned to (planners, managers, admins only). */
export const listTechnicianOptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listTechnicianOptions: build.query<Paged<Technician>, { search?: string }>({
      query: ({ search }) => ({ url: '/technicians', params: queryParams({ active: 'true', search, limit: 100 }) }),
      providesTags: [{ type: 'Lookup', id: 'technicians' }],
    }),
  }),
});

export const { useListTechnicianOptionsQuery } = listTechnicianOptionsApi;
