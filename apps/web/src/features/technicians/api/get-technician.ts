import type { Technician } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /technicians/:id`. */
export const getTechnicianDetailApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTechnicianDetail: build.query<Technician, string>({
      query: (id) => `/technicians/${id}`,
      providesTags: (_technician, _error, id) => [{ type: 'Technician', id }],
    }),
  }),
});

export const { useGetTechnicianDetailQuery } = getTechnicianDetailApi;
