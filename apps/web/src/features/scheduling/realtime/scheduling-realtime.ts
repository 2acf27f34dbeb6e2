import type { TechnicianScheduleUpdateEvent, WorkOrderUpdateEvent } from '@msched/contracts';
import { LIST, api } from '@/lib/api';
import type { RealtimeBinding, RealtimeBindingContext } from '@/lib/realtime/binding';
import { keyedDebouncer } from '@/lib/realtime/keyed-debouncer';
import { getTechnicianScheduleApi } from '../api/get-technician-schedule';
import { listBacklogApi } from '../api/list-backlog';
import { boardAccess } from '../utils/access';
import { applyScheduleChange, applyToBacklog, applyToSchedule } from './apply-board-events';

/** Rows and the backlog are asked again at most this often per technician (or list) during a burst. */
export const BOARD_REFRESH_MS = 500;

function onWorkOrder({ dispatch, getState }: RealtimeBindingContext, event: WorkOrderUpdateEvent, refresh: (key: string) => void) {
  for (const args of getTechnicianScheduleApi.util.selectCachedArgsForQuery(getState(), 'getTechnicianSchedule')) {
    let missing = false;
    dispatch(
      getTechnicianScheduleApi.util.updateQueryData(
        'getTechnicianSchedule',
        args,
        (rows) => void (missing = applyToSchedule(rows, args, event)),
      ),
    );
    if (missing) refresh(args.technicianId);
  }
  for (const args of listBacklogApi.util.selectCachedArgsForQuery(getState(), 'listBacklog')) {
    let missing = false;
    dispatch(listBacklogApi.util.updateQueryData('listBacklog', args, (page) => void (missing = applyToBacklog(page, event))));
    if (missing) refresh(LIST);
  }
}

function onSchedule({ dispatch, getState }: RealtimeBindingContext, event: TechnicianScheduleUpdateEvent, refresh: (key: string) => void) {
  for (const args of getTechnicianScheduleApi.util.selectCachedArgsForQuery(getState(), 'getTechnicianSchedule')) {
    if (args.technicianId !== event.technicianId) continue;
    dispatch(
      getTechnicianScheduleApi.util.updateQueryData('getTechnicianSchedule', args, (rows) => void applyScheduleChange(rows, args, event)),
    );
  }
  // Hours booked and available come from the server: the row is asked again once the burst is over.
  refresh(event.technicianId);
}

/**
 * The scheduling board follows the real-time channel: bars move, change or leave in place as
 * others assign and reschedule (work-order and schedule events), the backlog loses work that got
 * booked; then the rows concerned are asked again for their totals and for work that arrived.
 * Availability changes re-shade a row.
 */
export const schedulingRealtime: RealtimeBinding = {
  name: 'scheduling',
  rooms: (user) => (boardAccess(user) === 'none' ? [] : ['workorders:all', 'technicians:schedule', 'technicians:updates']),
  attach(context) {
    const { client, dispatch } = context;
    const refreshes = keyedDebouncer(BOARD_REFRESH_MS);
    const refresh = (key: string) =>
      refreshes.call(key, () =>
        dispatch(api.util.invalidateTags([key === LIST ? { type: 'WorkOrder', id: LIST } : { type: 'TechnicianSchedule', id: key }])),
      );
    const offs = [
      client.on('workorder:update', (event) => onWorkOrder(context, event, refresh)),
      client.on('technician:schedule_update', (event) => onSchedule(context, event, refresh)),
      client.on('technician:update', (event) => {
        if (event.eventType === 'availability_changed')
          dispatch(
            api.util.invalidateTags([
              { type: 'TechnicianAvailability', id: event.technicianId },
              { type: 'TechnicianSchedule', id: event.technicianId },
            ]),
          );
        else dispatch(api.util.invalidateTags([{ type: 'Technician', id: LIST }]));
      }),
      client.on('resync_required', () => dispatch(api.util.invalidateTags(['TechnicianSchedule', 'TechnicianAvailability', 'Technician']))),
    ];
    return () => {
      refreshes.cancel();
      offs.forEach((off) => off());
    };
  },
};
