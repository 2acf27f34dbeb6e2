import type { WorkOrder } from '@msched/contracts';
import { type RootState, useAppSelector } from '@/lib/store';
import { getTechnicianScheduleApi } from '../api/get-technician-schedule';
import { listBacklogApi } from '../api/list-backlog';

/**
 * The newest copy of a work order the board holds (its rows and backlog pages, kept current by
 * the real-time channel and refetches); undefined when none shows it any more.
 */
export function selectBoardWorkOrder(state: RootState, workOrderId: string): WorkOrder | undefined {
  let newest: WorkOrder | undefined;
  const consider = (rows: readonly WorkOrder[] | undefined) => {
    const found = rows?.find((row) => row.id === workOrderId);
    if (found && (!newest || found.version > newest.version)) newest = found;
  };
  const { getTechnicianSchedule } = getTechnicianScheduleApi.endpoints;
  for (const args of getTechnicianScheduleApi.util.selectCachedArgsForQuery(state, 'getTechnicianSchedule'))
    consider(getTechnicianSchedule.select(args)(state).data?.workOrders);
  for (const args of listBacklogApi.util.selectCachedArgsForQuery(state, 'listBacklog'))
    consider(listBacklogApi.endpoints.listBacklog.select(args)(state).data?.data);
  return newest;
}

/**
 * A work order a dialog or note acts on, as the board shows it now: a copy taken when it opened
 * would send an old version (If-Match) once someone else changed it. `asFirstSeen` stands in
 * when the board no longer shows it.
 */
export function useBoardWorkOrder(asFirstSeen: WorkOrder): WorkOrder {
  return useAppSelector((state) => selectBoardWorkOrder(state, asFirstSeen.id)) ?? asFirstSeen;
}
