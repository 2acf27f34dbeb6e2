import type { CreateWorkOrder, WorkOrder } from '@msched/contracts';
import { LIST, api, idempotencyKey } from '@/lib/api';

/** `POST /work-orders`, idempotent per key (see useIdempotencyKey). */
export const createWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    createWorkOrder: build.mutation<WorkOrder, { body: CreateWorkOrder; key: string }>({
      query: ({ body, key }) => ({ url: '/work-orders', method: 'POST', body, headers: idempotencyKey(key) }),
      invalidatesTags: [{ type: 'WorkOrder', id: LIST }],
    }),
  }),
});

export const { useCreateWorkOrderMutation } = createWorkOrderApi;
