import type { EquipmentHealth } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id/health`: the latest assessment (RUL with its interval, failure probability, anomaly). */
export const getEquipmentHealthApi = api.injectEndpoints({
  endpoints: (build) => ({
    getEquipmentHealth: build.query<EquipmentHealth, string>({
      query: (equipmentId) => `/equipment/${equipmentId}/health`,
      providesTags: (_health, _error, equipmentId) => [{ type: 'EquipmentHealth', id: equipmentId }],
    }),
  }),
});

export const { useGetEquipmentHealthQuery } = getEquipmentHealthApi;
