import type { ScheduleRun } from '@msched/contracts';
import { Box, Button, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { formatScore, formatScoreLevel } from '../utils/plan-diff';

const STATUS_TEXT: Record<ScheduleRun['status'], string> = {
  SOLVING: 'Solving…',
  DONE: 'Done: the time limit was reached.',
  STOPPED: 'Stopped: the best plan found so far is kept.',
  FAILED: 'Failed.',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** How often the clock of a solving run moves on between the server's reports. */
const TICK_MS = 1_000;

/**
 * The run's elapsed time, moving on while it solves: the server reports it only when the score
 * improves (or at a poll), so between reports it is counted here from the last one, up to the limit.
 */
function useElapsedMs(run: ScheduleRun): number {
  const reported = run.progress.elapsedMs;
  const solving = run.status === 'SOLVING';
  const [since, setSince] = useState(() => ({ reported, at: Date.now() }));
  if (since.reported !== reported) setSince({ reported, at: Date.now() });
  const [now, setNow] = useState(since.at);
  useEffect(() => {
    if (!solving) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [solving, since.at]);
  if (!solving) return reported;
  return Math.max(reported, Math.min(run.timeLimitSeconds * 1000, reported + now - since.at));
}

interface Props {
  run: ScheduleRun;
  limitSeconds: number | null;
  onStop: () => void;
  stopping: boolean;
}

/** Progress of a run: time against the limit, the best score so far and how it improved. */
export function RunProgress({ run, limitSeconds, onStop, stopping }: Props) {
  const solving = run.status === 'SOLVING';
  const elapsedMs = useElapsedMs(run);
  const value = !solving ? 100 : limitSeconds ? Math.min(100, (elapsedMs / (limitSeconds * 1000)) * 100) : undefined;
  const history = run.progress.bestScoreHistory.slice(-6).reverse();
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography role="status" sx={{ fontWeight: 600, flex: 1 }}>
          {STATUS_TEXT[run.status]}
        </Typography>
        {solving && (
          <Button variant="outlined" color="warning" onClick={onStop} disabled={stopping}>
            Stop
          </Button>
        )}
      </Box>
      <LinearProgress
        variant={value === undefined ? 'indeterminate' : 'determinate'}
        value={value}
        aria-label="Optimizer progress"
        sx={{ my: 1, height: 8, borderRadius: 1 }}
      />
      <Typography variant="body2" data-testid="optimizer-best-score">
        {seconds(elapsedMs)}
        {limitSeconds ? ` of ${limitSeconds} s` : ''} · best score: {run.score ? formatScore(run.score) : 'none yet'}
      </Typography>
      {history.length > 0 && (
        <Box sx={{ overflowX: 'auto', mt: 1 }}>
          <Table size="small" aria-label="Score history, newest first">
            <TableHead>
              <TableRow>
                <TableCell>After</TableCell>
                <TableCell align="right">Hard</TableCell>
                <TableCell align="right">Medium</TableCell>
                <TableCell align="right">Soft</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map((entry) => (
                <TableRow key={entry.elapsedMs}>
                  <TableCell>{seconds(entry.elapsedMs)}</TableCell>
                  <TableCell align="right">{formatScoreLevel(entry.score.hard)}</TableCell>
                  <TableCell align="right">{formatScoreLevel(entry.score.medium)}</TableCell>
                  <TableCell align="right">{formatScoreLevel(entry.score.soft)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
