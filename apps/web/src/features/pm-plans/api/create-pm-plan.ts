import type { CreatePmPlan, PmPlan } from '@msched/contracts';
import { LIST, api, idempotencyKey } from '@/lib/api';

/** `POST /pm-plans`, idempotent per key. */
export const createPmPlanApi = api.injectEndpoints({
  endpoints: (build) => ({
    createPmPlan: build.mutation<PmPlan, { body: CreatePmPlan; key: string }>({
      query: ({ body, key }) => ({ url: '/pm-plans', method: 'POST', body, headers: idempotencyKey(key) }),
      invalidatesTags: [{ type: 'PmPlan', id: LIST }, { type: 'PmForecast' }],
    }),
  }),
});

export const { useCreatePmPlanMutation } = createPmPlanApi;
