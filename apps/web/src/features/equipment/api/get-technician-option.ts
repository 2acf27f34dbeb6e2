import type { Technician } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /technicians/:id`: the technician a filter names, when the search at hand does not list them. */
export const getEquipmentTechnicianOptionApi = api.injectEndpoints({
  endpoints: (build) => ({
    getEquipmentTechnicianOption: build.query<Technician, string>({
      query: (id) => `/technicians/${id}`,
      providesTags: [{ type: 'Lookup', id: 'technicians' }],
    }),
  }),
});

export const { useGetEquipmentTechnicianOptionQuery } = getEquipmentTechnicianOptionApi;
