import { Alert, Box } from '@mui/material';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useStopScheduleRunMutation } from '../api/stop-schedule-run';
import { useScheduleRun } from '../hooks/use-schedule-run';
import { ProposalComparison } from './ProposalComparison';
import { RunProgress } from './RunProgress';

interface Props {
  runId: string;
  /** The limit the run was started with, when this page started it (a reopened run shows time only). */
  limitSeconds: number | null;
  nameOf: (technicianId: string) => string;
}

/** One optimizer run: live progress while it solves, then its proposal against the current plan. */
export function RunView({ runId, limitSeconds, nameOf }: Props) {
  const { data: run, error, refetch } = useScheduleRun(runId);
  const [stop, stopping] = useStopScheduleRunMutation();
  // The run's id comes from the address (`?run=`): a bad one is a cut link, said so.
  if (error) return <ProblemAlert error={error} subject="optimizer run" onReload={refetch} fieldsShown={false} />;
  if (!run) return <LoadingBlock label="Loading the optimizer run…" />;
  return (
    <Box sx={{ mt: 2 }}>
      <RunProgress run={run} limitSeconds={limitSeconds} onStop={() => void stop(runId)} stopping={stopping.isLoading} />
      <ProblemAlert error={stopping.error} subject="schedule run" />
      {run.status === 'FAILED' && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          The optimizer failed: {run.error ?? 'no reason given'}.
        </Alert>
      )}
      {(run.status === 'DONE' || run.status === 'STOPPED') && <ProposalComparison run={run} nameOf={nameOf} />}
    </Box>
  );
}
