import type { AppDispatch, RootState } from '@/lib/store';
import { getTechnicianScheduleApi } from './get-technician-schedule';
import { listBacklogApi } from './list-backlog';

/**
 * Asks every row and backlog page the board holds again, settling once all have answered: a
 * Reload after someone else changed work (412) goes on with the newest versions only.
 */
export const refetchBoardRows = () => async (dispatch: AppDispatch, getState: () => RootState) => {
  const state = getState();
  const { getTechnicianSchedule } = getTechnicianScheduleApi.endpoints;
  const { listBacklog } = listBacklogApi.endpoints;
  await Promise.all([
    ...getTechnicianScheduleApi.util
      .selectCachedArgsForQuery(state, 'getTechnicianSchedule')
      .map((args) => dispatch(getTechnicianSchedule.initiate(args, { forceRefetch: true, subscribe: false }))),
    ...listBacklogApi.util
      .selectCachedArgsForQuery(state, 'listBacklog')
      .map((args) => dispatch(listBacklog.initiate(args, { forceRefetch: true, subscribe: false }))),
  ]);
};
