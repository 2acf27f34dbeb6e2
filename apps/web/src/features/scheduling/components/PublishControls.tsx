import type { ScheduleRun, WorkOrder } from '@msched/contracts';
import { Alert, Box, Button, Typography } from '@mui/material';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { formatDateTime } from '@/lib/format';
import { toProblem } from '@/lib/problem';
import { usePublishScheduleRunMutation } from '../api/publish-schedule-run';

interface Props {
  run: ScheduleRun;
  current: ReadonlyMap<string, WorkOrder>;
  changeCount: number;
}

/** Books the proposal; work that someone changed since the run started is reported and left alone. */
export function PublishControls({ run, current, changeCount }: Props) {
  const [publish, { data: result, error, isLoading }] = usePublishScheduleRunMutation();
  const numberOf = (id: string) => current.get(id)?.workOrderNumber ?? 'A work order';
  // The 409 has the run asked again: once it reads as published, that is what the planner is told, in their own time.
  const alreadyPublished = toProblem(error)?.status === 409 && Boolean(run.publishedAt);
  return (
    <Box sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={() => void publish(run.runId)} disabled={isLoading || Boolean(run.publishedAt)}>
          Publish schedule
        </Button>
        <Typography variant="body2" color="text.secondary">
          {run.publishedAt
            ? `Published ${formatDateTime(run.publishedAt)}.`
            : `Books ${changeCount} change${changeCount === 1 ? '' : 's'}; technicians are notified.`}
        </Typography>
      </Box>
      {alreadyPublished ? (
        <Alert severity="info" role="alert" sx={{ mt: 1 }}>
          This run was already published ({formatDateTime(run.publishedAt)}), perhaps by someone else: nothing was booked again.
        </Alert>
      ) : (
        <ProblemAlert error={error} subject="schedule run" />
      )}
      {result && (
        <Alert severity={result.conflicts.length > 0 ? 'warning' : 'success'} role="status" sx={{ mt: 1 }}>
          Published {result.published} work order{result.published === 1 ? '' : 's'}; {result.unchanged} already as proposed.
          {result.unscheduled > 0 && ` ${result.unscheduled} with no room in the plan went back to the backlog, their booking given up.`}
          {result.conflicts.length > 0 && (
            <>
              {' '}
              {result.conflicts.length} left as they are:
              <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                {result.conflicts.map((conflict) => (
                  <li key={conflict.workOrderId}>
                    {numberOf(conflict.workOrderId)}: {conflict.reason}
                  </li>
                ))}
              </Box>
            </>
          )}
        </Alert>
      )}
    </Box>
  );
}
