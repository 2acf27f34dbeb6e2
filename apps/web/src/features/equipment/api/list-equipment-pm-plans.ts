import type { Paged, PmPlan } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `GET /pm-plans?equipmentId=`: the preventive plans that cover this equipment, paged. */
export const listEquipmentPmPlansApi = api.injectEndpoints({
  endpoints: (build) => ({
    listEquipmentPmPlans: build.query<Paged<PmPlan>, { equipmentId: string; page: number; limit: number }>({
      query: ({ equipmentId, page, limit }) => ({ url: '/pm-plans', params: { equipmentId, page, limit } }),
      providesTags: [{ type: 'PmPlan', id: LIST }],
    }),
  }),
});

export const { useListEquipmentPmPlansQuery } = listEquipmentPmPlansApi;
