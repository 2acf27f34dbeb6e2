import type { ScheduleProgressEvent, ScheduleRun } from '@msched/contracts';
import { skipToken } from '@reduxjs/toolkit/query';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api';
import { useRealtimeClient } from '@/lib/realtime/realtime-context';
import { useAppDispatch } from '@/lib/store';
import { getScheduleRunApi, useGetScheduleRunQuery } from '../api/get-schedule-run';

/** Polling while solving: quick until progress events have been seen to arrive, then a slow check. */
const POLL_WITH_LIVE_MS = 5_000;
const POLL_WITHOUT_LIVE_MS = 1_000;

/** Writes a progress event into the cached run (an Immer draft). */
export function applyProgress(run: ScheduleRun, event: ScheduleProgressEvent): void {
  // The heartbeat poll may have seen a later moment already.
  if (event.status === 'SOLVING' && (run.status !== 'SOLVING' || event.elapsedMs < run.progress.elapsedMs)) return;
  run.status = event.status;
  run.progress.elapsedMs = Math.max(run.progress.elapsedMs, event.elapsedMs);
  if (!event.bestScore) return;
  run.score = event.bestScore;
  const last = run.progress.bestScoreHistory.at(-1);
  if (!last || last.elapsedMs < event.elapsedMs) run.progress.bestScoreHistory.push({ elapsedMs: event.elapsedMs, score: event.bestScore });
}

/**
 * An optimizer run as it goes: `schedule:progress` events (pushed to the user who started it)
 * update it in place; polling `GET /schedules/runs/:runId` covers a channel that is down or
 * silent (it is quick until an event has arrived). When the run ends, it is fetched once more
 * for the proposal.
 */
export function useScheduleRun(runId: string | null) {
  const client = useRealtimeClient();
  const dispatch = useAppDispatch();
  const [heardFrom, setHeardFrom] = useState<string | null>(null);
  const { data: cached } = getScheduleRunApi.endpoints.getScheduleRun.useQueryState(runId ?? skipToken);
  const solving = cached?.status === 'SOLVING';
  const query = useGetScheduleRunQuery(runId ?? skipToken, {
    pollingInterval: solving ? (heardFrom === runId ? POLL_WITH_LIVE_MS : POLL_WITHOUT_LIVE_MS) : 0,
    skipPollingIfUnfocused: false,
  });

  useEffect(() => {
    if (!client || !runId) return;
    return client.on('schedule:progress', (event) => {
      if (event.runId !== runId) return;
      setHeardFrom(runId);
      dispatch(getScheduleRunApi.util.updateQueryData('getScheduleRun', runId, (run) => applyProgress(run, event)));
      if (event.status !== 'SOLVING') dispatch(api.util.invalidateTags([{ type: 'ScheduleRun', id: runId }]));
    });
  }, [client, runId, dispatch]);

  return query;
}
