import type { Paged, Technician } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /technicians?search=`: the technicians an account may be linked to, active or not, as the admin types. */
export const listLinkableTechniciansApi = api.injectEndpoints({
  endpoints: (build) => ({
    listLinkableTechnicians: build.query<Paged<Technician>, { search?: string }>({
      query: ({ search }) => ({ url: '/technicians', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'technicians' }],
    }),
  }),
});

export const { useListLinkableTechniciansQuery } = listLinkableTechniciansApi;
