import type { Equipment } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id`. */
export const getEquipmentDetailApi = api.injectEndpoints({
  endpoints: (build) => ({
    getEquipmentDetail: build.query<Equipment, string>({
      query: (id) => `/equipment/${id}`,
      providesTags: (_equipment, _error, id) => [{ type: 'Equipment', id }],
    }),
  }),
});

export const { useGetEquipmentDetailQuery } = getEquipmentDetailApi;
