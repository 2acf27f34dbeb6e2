import type { UpdateTask, WorkOrderTask } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';
import { getWorkOrderApi } from './get-work-order';

interface Args {
  workOrderId: string;
  taskId: string;
  version: number;
  changes: UpdateTask;
}

/** `PATCH /work-orders/:id/tasks/:taskId` (ticking a checklist item), shown at once and undone on failure. */
export const updateTaskApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateTask: build.mutation<WorkOrderTask, Args>({
      query: ({ workOrderId, taskId, version, changes }) => ({
        url: `/work-orders/${workOrderId}/tasks/${taskId}`,
        method: 'PATCH',
        body: changes,
        headers: ifMatch(version),
      }),
      async onQueryStarted({ workOrderId, taskId, changes }, { dispatch, queryFulfilled }) {
        const patchTask = (values: Partial<WorkOrderTask>) =>
          dispatch(
            getWorkOrderApi.util.updateQueryData('getWorkOrder', workOrderId, (draft) => {
              const task = draft.tasks?.find((candidate) => candidate.id === taskId);
              if (task) Object.assign(task, values);
            }),
          );
        const optimistic = patchTask(changes);
        try {
          // The server's answer (new version) is written in, rather than the whole work order
          // fetched again: a refetch racing the next tick would undo it on screen for a moment.
          patchTask((await queryFulfilled).data);
        } catch {
          optimistic.undo();
        }
      },
    }),
  }),
});

export const { useUpdateTaskMutation } = updateTaskApi;
