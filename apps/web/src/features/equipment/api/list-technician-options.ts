import type { Paged, Technician } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /technicians?search=`: who may have done the work (active or not), as the user types a name. */
export const listEquipmentTechnicianOptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentTechnicianOptions: build.query<Paged<Technician>, { search?: string }>({
      query: ({ search }) => ({ url: '/technicians', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'technicians' }],
    }),
  }),
});

export const { useListEquipmentTechnicianOptionsQuery } = listEquipmentTechnicianOptionsApi;
