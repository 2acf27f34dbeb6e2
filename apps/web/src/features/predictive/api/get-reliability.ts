import type { Reliability } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /predictive/reliability?equipmentId=`: MTBF, MTTR and a Weibull fit from the work-order history. */
export const getReliabilityApi = api.injectEndpoints({
  endpoints: (build) => ({
    getReliability: build.query<Reliability, string>({
      query: (equipmentId) => ({ url: '/predictive/reliability', params: { equipmentId } }),
      providesTags: (_reliability, _error, equipmentId) => [{ type: 'EquipmentHealth', id: equipmentId }],
    }),
  }),
});

export const { useGetReliabilityQuery } = getReliabilityApi;
