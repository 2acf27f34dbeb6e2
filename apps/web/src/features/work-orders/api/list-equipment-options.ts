import type { Equipment, Paged } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /equipment?search=`: the equipment picker's choices (server-side search, first 20). */
export const listEquipmentOptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentOptions: build.query<Paged<Equipment>, { search?: string }>({
      query: ({ search }) => ({ url: '/equipment', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'equipment' }],
    }),
  }),
});

export const { useListEquipmentOptionsQuery } = listEquipmentOptionsApi;
