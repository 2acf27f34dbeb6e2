import type { Technician } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /technicians/:id`: the technician an account is linked to (the account holds only the id). */
export const getLinkedTechnicianApi = api.injectEndpoints({
  endpoints: (build) => ({
    getLinkedTechnician: build.query<Technician, string>({
      query: (id) => `/technicians/${id}`,
      providesTags: [{ type: 'Lookup', id: 'technicians' }],
    }),
  }),
});

export const { useGetLinkedTechnicianQuery } = getLinkedTechnicianApi;
