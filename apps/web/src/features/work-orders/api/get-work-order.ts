import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { AuthUser, WorkOrder } from '@msched/contracts';
import { api } from '@/lib/api';
import { selectCurrentUser } from '@/lib/auth/auth-slice';
import type { RootState } from '@/lib/store';

/** Part lines carry costs: the server lets only these roles include them (`parts.read`). */
const SEES_PARTS = ['admin', 'manager', 'planner', 'technician'];

/** What the detail screen shows: parts too, for a user whose role may see them (a requester may not). */
export const detailIncludes = (user: Pick<AuthUser, 'roles'> | null) =>
  user?.roles.some((role) => SEES_PARTS.includes(role)) ? 'technician,equipment,tasks,parts' : 'technician,equipment,tasks';

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
