import type { WorkOrderUpdateEvent } from '@msched/contracts';
import { LIST, api } from '@/lib/api';
import type { RealtimeBinding, RealtimeBindingContext } from '@/lib/realtime/binding';
import { keyedDebouncer } from '@/lib/realtime/keyed-debouncer';
import { getWorkOrderApi } from '../api/get-work-order';
import { listWorkOrdersApi } from '../api/list-work-orders';
import { isStaff } from '@/lib/auth/permissions';
import { applyWorkOrderEvent } from './apply-work-order-event';

/** Lists are asked again at most this often during a burst of events (filters and sort are the server's). */
export const LIST_REFRESH_MS = 500;
/** One refetch of a work order per burst (ticking five tasks in a row fetches it once). */
export const DETAIL_REFRESH_MS = 300;

/** Checklist, parts and comments change without a new work-order version: the event names them. */
const CHILD_FIELDS = ['tasks', 'parts', 'comments'];

function patchCaches({ dispatch, getState }: RealtimeBindingContext, event: WorkOrderUpdateEvent): boolean {
  for (const args of listWorkOrdersApi.util.selectCachedArgsForQuery(getState(), 'listWorkOrders')) {
    dispatch(
      listWorkOrdersApi.util.updateQueryData('listWorkOrders', args, (page) => {
        if (event.eventType === 'deleted') page.data = page.data.filter((row) => row.id !== event.workOrderId);
        else {
          const row = page.data.find((candidate) => candidate.id === event.workOrderId);
          if (row) applyWorkOrderEvent(row, event.data);
        }
      }),
    );
  }
  let detailChanged = false;
  dispatch(
    getWorkOrderApi.util.updateQueryData('getWorkOrder', event.workOrderId, (workOrder) => {
      detailChanged = applyWorkOrderEvent(workOrder, event.data);
    }),
  );
  return detailChanged;
}

/**
 * Work orders follow the real-time channel: the fields an event carries are written into every
 * cached list row and detail at once (what others see changes in place); then the detail is
 * fetched again for what events do not carry (relations, checklist, allowed states), and the
 * lists are asked again so the server re-applies filters and sort to the new state.
 */
export const workOrderRealtime: RealtimeBinding = {
  name: 'work-orders',
  // Staff follow the whole organization; a technician their own work; everyone also gets the
  // rooms of the work orders they open (see useWorkOrderViewers).
  rooms: (user) => (isStaff(user) ? ['workorders:all'] : user.technicianId ? [`technician:${user.technicianId}`] : []),
  attach(context) {
    const { client, dispatch } = context;
    const lists = keyedDebouncer(LIST_REFRESH_MS);
    const details = keyedDebouncer(DETAIL_REFRESH_MS);
    const refreshLists = () => lists.call(LIST, () => dispatch(api.util.invalidateTags([{ type: 'WorkOrder', id: LIST }])));
    const refreshDetail = (id: string) =>
      details.call(id, () =>
        dispatch(
          api.util.invalidateTags([
            { type: 'WorkOrder', id },
            { type: 'WorkOrderHistory', id },
            { type: 'WorkOrderComments', id },
          ]),
        ),
      );

    const offUpdate = client.on('workorder:update', (event) => {
      const detailChanged = patchCaches(context, event);
      const childrenChanged = event.data.changedFields?.some((field) => CHILD_FIELDS.includes(field)) ?? false;
      if (detailChanged || childrenChanged || event.eventType === 'deleted') refreshDetail(event.workOrderId);
      refreshLists();
    });
    const offSchedule = client.on('technician:schedule_update', refreshLists);
    // Missed events are gone for good: everything cached about work orders is asked again.
    const offResync = client.on('resync_required', () =>
      dispatch(api.util.invalidateTags(['WorkOrder', 'WorkOrderHistory', 'WorkOrderComments'])),
    );
    return () => {
      lists.cancel();
      details.cancel();
      offUpdate();
      offSchedule();
      offResync();
    };
  },
};
