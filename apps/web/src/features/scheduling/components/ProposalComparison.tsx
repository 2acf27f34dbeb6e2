import type { ScheduleRun } from '@msched/contracts';
import { skipToken } from '@reduxjs/toolkit/query';
import { Box, Typography } from '@mui/material';
import { useMemo } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useAnalyzeScheduleQuery } from '../api/analyze-schedule';
import { useListBoardTechniciansQuery } from '../api/list-board-technicians';
import { useListPlannedWorkQuery } from '../api/list-planned-work';
import { currentAssignments, planChanges } from '../utils/plan-diff';
import { ChangesTable } from './ChangesTable';
import { PublishControls } from './PublishControls';
import { ScoreAnalysis } from './ScoreAnalysis';
import { ScoreComparison } from './ScoreComparison';
import { UnassignedList } from './UnassignedList';

/**
 * The proposal against the plan as it is now: scores of both (the current plan analyzed with the
 * same constraints), the proposal's score by constraint, what would move, what stays unplanned and why; then publishing.
 */
export function ProposalComparison({ run, nameOf }: { run: ScheduleRun; nameOf: (technicianId: string) => string }) {
  const planned = useListPlannedWorkQuery(run.runId);
  const technicians = useListBoardTechniciansQuery({ page: 1, limit: 100 });
  const current = useMemo(() => new Map((planned.data ?? []).map((workOrder) => [workOrder.id, workOrder])), [planned.data]);
  const changes = useMemo(() => (planned.data ? planChanges(run, current) : []), [planned.data, run, current]);
  const analyzeArgs = useMemo(() => {
    if (!planned.data || !technicians.data) return skipToken;
    // Bookings of technicians the solver does not know (inactive) cannot be scored; with every
    // active technician at hand they are left out, otherwise the server says which.
    const all = technicians.data.total <= technicians.data.data.length;
    const known = all ? new Set(technicians.data.data.map((technician) => technician.id)) : null;
    return {
      from: run.from,
      to: run.to,
      workOrderIds: [...run.assignments.map((a) => a.workOrderId), ...run.unassigned.map((u) => u.workOrderId)],
      assignments: currentAssignments(run, current, known),
    };
  }, [planned.data, technicians.data, run, current]);
  const before = useAnalyzeScheduleQuery(analyzeArgs);

  return (
    <Box component="section" aria-label="Proposal compared with the current plan" sx={{ mt: 2 }}>
      <Typography variant="h6" component="h3">
        Proposal compared with the current plan
      </Typography>
      <ScoreComparison before={before.data?.score} after={run.score} beforeError={before.error} />
      <ScoreAnalysis analysis={run.analysis} current={current} />
      <ProblemAlert error={planned.error} subject="list" onReload={planned.refetch} />
      {planned.isLoading && <LoadingBlock label="Reading the current plan…" />}
      {planned.data && (
        <>
          <ChangesTable changes={changes} nameOf={nameOf} />
          <UnassignedList unassigned={run.unassigned} current={current} />
          <PublishControls run={run} current={current} changeCount={changes.length} />
        </>
      )}
    </Box>
  );
}
