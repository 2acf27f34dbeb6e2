import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { AuthUser, WorkOrder } from '@msched/contracts';
import { api } from '@/lib/api';
import { selectCurrentUser } from '@/lib/auth/auth-slice';
import { can } from '@/lib/auth/permissions';
import type { RootState } from '@/lib/store';

/** What the detail screen shows: part lines too (they carry costs) for a user who may read parts (a requester may not). */
export const detailIncludes = (user: Pick<AuthUser, 'roles'> | null) =>
  can(user, 'parts.read') ? 'technician,equipment,tasks,parts' : 'technician,equipment,tasks';

/** `GET /work-orders/:id` with everything the detail screen shows this user. */
export const getWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    getWorkOrder: build.query<WorkOrder, string>({
      async queryFn(id, { getState }, _extra, baseQuery) {
        const include = detailIncludes(selectCurrentUser(getState() as RootState));
        const result = await baseQuery({ url: `/work-orders/${id}`, params: { include } });
        return result.error ? { error: result.error as FetchBaseQueryError } : { data: result.data as WorkOrder };
      },
      providesTags: (_workOrder, _error, id) => [{ type: 'WorkOrder', id }],
    }),
  }),
});

export const { useGetWorkOrderQuery } = getWorkOrderApi;
