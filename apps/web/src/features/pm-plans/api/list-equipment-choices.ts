import type { Equipment, Paged } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /equipment?search=`: the plan's equipment picker (server-side search, first 20). */
export const listEquipmentChoicesApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentChoices: build.query<Paged<Equipment>, { search?: string }>({
      query: ({ search }) => ({ url: '/equipment', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'equipment' }],
    }),
  }),
});

export const { useListEquipmentChoicesQuery } = listEquipmentChoicesApi;
