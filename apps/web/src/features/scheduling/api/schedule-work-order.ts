import type { WorkOrder } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';
import { toProblem } from '@/lib/problem';
import type { AppDispatch, RootState } from '@/lib/store';
import { getTechnicianScheduleApi } from './get-technician-schedule';
import { listBacklogApi } from './list-backlog';

export interface ScheduleWorkOrderArgs {
  /** The work order as the board shows it: its version goes in If-Match, the rest draws the bar while saving. */
  workOrder: WorkOrder;
  technicianId: string;
  scheduledStartTime: string;
  scheduledEndTime: string;
  /** Book despite the skill gaps or overlaps a 409 named. */
  force?: boolean;
}

const overlaps = (workOrder: WorkOrder, start: string, end: string) =>
  Date.parse(workOrder.scheduledStartTime ?? '') < Date.parse(end) && Date.parse(workOrder.scheduledEndTime ?? '') > Date.parse(start);

/**
 * Puts the work where it was dropped in every cached row and takes it off the backlog, before
 * the server answers; returns what undoes it (a 409 or any failure puts the bar back).
 */
function showMoved(dispatch: AppDispatch, getState: () => RootState, moved: WorkOrder): () => void {
  const patches: { undo: () => void }[] = [];
  for (const args of getTechnicianScheduleApi.util.selectCachedArgsForQuery(getState(), 'getTechnicianSchedule')) {
    patches.push(
      dispatch(
        getTechnicianScheduleApi.util.updateQueryData('getTechnicianSchedule', args, (schedule) => {
          schedule.workOrders = schedule.workOrders.filter((row) => row.id !== moved.id);
          const booked = [moved.technicianId, ...(moved.crewTechnicianIds ?? [])];
          if (booked.includes(args.technicianId) && overlaps(moved, args.start, args.end)) schedule.workOrders.push(moved);
        }),
      ),
    );
  }
  for (const args of listBacklogApi.util.selectCachedArgsForQuery(getState(), 'listBacklog')) {
    patches.push(
      dispatch(
        listBacklogApi.util.updateQueryData('listBacklog', args, (page) => {
          const before = page.data.length;
          page.data = page.data.filter((row) => row.id !== moved.id);
          if (page.total !== undefined) page.total -= before - page.data.length;
        }),
      ),
    );
  }
  return () => patches.forEach((patch) => patch.undo());
}

/**
 * What to ask again when someone else changed a work order (412): every row, since where they put
 * it is unknown (with the real-time channel down nothing else would show it), and the backlog.
 */
const staleWorkOrderTags = (workOrderId: string) => [
  'TechnicianSchedule' as const,
  { type: 'WorkOrder' as const, id: workOrderId },
  { type: 'WorkOrder' as const, id: LIST },
];

/** `POST /work-orders/:id/assign`: 409 names missing skills and overlapping work unless forced; 412 asks the rows again. */
export const scheduleWorkOrderApi = api.injectEndpoints({
  endpoints: (build) => ({
    scheduleWorkOrder: build.mutation<WorkOrder, ScheduleWorkOrderArgs>({
      query: ({ workOrder, force, ...booking }) => ({
        url: `/work-orders/${workOrder.id}/assign`,
        method: 'POST',
        body: force ? { ...booking, force } : booking,
        headers: ifMatch(workOrder.version),
      }),
      async onQueryStarted({ workOrder, technicianId, scheduledStartTime, scheduledEndTime }, { dispatch, getState, queryFulfilled }) {
        const status = workOrder.status === 'OPEN' ? 'SCHEDULED' : workOrder.status;
        // The crew goes along (less the new technician, if one of them now leads), as the server keeps it.
        const crewTechnicianIds = (workOrder.crewTechnicianIds ?? []).filter((member) => member !== technicianId);
        const moved = { ...workOrder, technicianId, crewTechnicianIds, scheduledStartTime, scheduledEndTime, status };
        const undo = showMoved(dispatch, getState as () => RootState, moved);
        try {
          const { data } = await queryFulfilled;
          // The server's copy (new version) replaces the stand-in until the rows are asked again.
          showMoved(dispatch, getState as () => RootState, data);
        } catch {
          undo();
        }
      },
      invalidatesTags: (_result, error, { workOrder, technicianId }) =>
        error
          ? toProblem(error)?.status === 412
            ? staleWorkOrderTags(workOrder.id)
            : []
          : [
              { type: 'TechnicianSchedule', id: technicianId },
              ...(workOrder.technicianId && workOrder.technicianId !== technicianId
                ? [{ type: 'TechnicianSchedule' as const, id: workOrder.technicianId }]
                : []),
              ...(workOrder.crewTechnicianIds ?? []).map((member) => ({ type: 'TechnicianSchedule' as const, id: member })),
              { type: 'WorkOrder', id: workOrder.id },
              { type: 'WorkOrder', id: LIST },
              { type: 'WorkOrderHistory', id: workOrder.id },
            ],
    }),
  }),
});

export const { useScheduleWorkOrderMutation } = scheduleWorkOrderApi;
