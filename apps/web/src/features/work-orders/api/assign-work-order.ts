import type { WorkOrder } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import { changedWorkOrderTags } from './tags';

export interface AssignArgs {
  id: string;
  version: number;
  technicianId: string;
  /** The crew's other members; left out, the crew stays as it is. */
  crewTechnicianIds?: string[];
  scheduledStartTime: string;
  scheduledEndTime: string;
  /** Assign despite the skill gaps or overlaps a 409 reported. */
  force?: boolean;
}

/** `POST /work-orders/:id/assign`: 409 names missing skills and overlapping work unless forced. */
export const assignWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    assignWorkOrder: build.mutation<WorkOrder, AssignArgs>({
      query: ({ id, version, ...body }) => ({ url: `/work-orders/${id}/assign`, method: 'POST', body, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) => (error ? [] : changedWorkOrderTags(id)),
    }),
  }),
});

export const { useAssignWorkOrderMutation } = assignWorkOrderApi;
