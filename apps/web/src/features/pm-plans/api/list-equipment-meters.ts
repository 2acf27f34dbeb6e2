import type { Meter } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id/meters`: the meters a meter trigger can follow. */
export const listEquipmentMetersApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentMeters: build.query<Meter[], string>({
      query: (equipmentId) => `/equipment/${equipmentId}/meters`,
      providesTags: [{ type: 'Lookup', id: 'meters' }],
    }),
  }),
});

export const { useListEquipmentMetersQuery } = listEquipmentMetersApi;
