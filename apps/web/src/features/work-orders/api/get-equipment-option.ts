import type { Equipment } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id`: the name of an equipment picked earlier (e.g. in a shared link). */
export const getEquipmentOptionApi = api.injectEndpoints({
  endpoints: (build) => ({
    getEquipmentOption: build.query<Equipment, string>({
      query: (id) => `/equipment/${id}`,
      providesTags: [{ type: 'Lookup', id: 'equipment' }],
    }),
  }),
});

export const { useGetEquipmentOptionQuery } = getEquipmentOptionApi;
