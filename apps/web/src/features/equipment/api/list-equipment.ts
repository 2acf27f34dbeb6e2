import type { Equipment, EquipmentStatus, Paged } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface EquipmentListArgs {
  page: number;
  limit: number;
  locationId?: string;
  status?: EquipmentStatus;
  type?: string;
  search?: string;
}

/** `GET /equipment`: filtered (location, status, type, name or number) and paged on the server. */
export const listEquipmentRegisterApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentRegister: build.query<Paged<Equipment>, EquipmentListArgs>({
      query: (args) => ({ url: '/equipment', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'Equipment', id: LIST }],
    }),
  }),
});

export const { useListEquipmentRegisterQuery } = listEquipmentRegisterApi;
