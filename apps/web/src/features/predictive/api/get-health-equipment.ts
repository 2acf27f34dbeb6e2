import type { Equipment } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id`: the name, type and status above an equipment's health. */
export const getHealthEquipmentApi = api.injectEndpoints({
  endpoints: (build) => ({
    getHealthEquipment: build.query<Equipment, string>({
      query: (id) => `/equipment/${id}`,
      providesTags: [{ type: 'Lookup', id: 'equipment' }],
    }),
  }),
});

export const { useGetHealthEquipmentQuery } = getHealthEquipmentApi;
