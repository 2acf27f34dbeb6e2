import type { Meter } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id/meters`: its counters and gauges with their last reading. */
export const listMetersOfEquipmentApi = api.injectEndpoints({
  endpoints: (build) => ({
    listMetersOfEquipment: build.query<Meter[], string>({
      query: (equipmentId) => `/equipment/${equipmentId}/meters`,
      providesTags: (_meters, _error, equipmentId) => [{ type: 'Meter', id: `equipment:${equipmentId}` }],
    }),
  }),
});

export const { useListMetersOfEquipmentQuery } = listMetersOfEquipmentApi;
