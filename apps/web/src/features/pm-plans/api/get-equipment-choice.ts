import type { Equipment } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id`: the name of a plan's equipment (the plan holds only ids). */
export const getEquipmentChoiceApi = api.injectEndpoints({
  endpoints: (build) => ({
    getEquipmentChoice: build.query<Equipment, string>({
      query: (id) => `/equipment/${id}`,
      providesTags: [{ type: 'Lookup', id: 'equipment' }],
    }),
  }),
});

export const { useGetEquipmentChoiceQuery } = getEquipmentChoiceApi;
