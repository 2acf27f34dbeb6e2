import type { Score } from '@msched/contracts';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { compareScores, formatScoreLevel } from '../utils/plan-diff';

const LEVELS: { key: keyof Score; label: string; meaning: string }[] = [
  { key: 'hard', label: 'Hard', meaning: 'broken rules: skills, shifts, overlaps, deadlines' },
  { key: 'medium', label: 'Medium', meaning: 'work left unplanned, weighted by priority' },
  { key: 'soft', label: 'Soft', meaning: 'lateness, travel, overtime, workload balance, changes to the plan' },
];

function verdict(before: Score, after: Score): string {
  const difference = compareScores(after, before);
  if (difference > 0) return 'The proposal is better than the current plan.';
  if (difference < 0) return 'The proposal is worse than the current plan.';
  return 'The proposal scores the same as the current plan.';
}

interface Props {
  before: Score | undefined;
  after: Score | null;
  beforeError: unknown;
}

/** Score of the current plan (analyzed now) against the proposal's; 0 is perfect, higher levels count first. */
export function ScoreComparison({ before, after, beforeError }: Props) {
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        Score
      </Typography>
      <ProblemAlert error={beforeError} title="The current plan could not be scored" />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Score of the current plan and of the proposal">
          <TableHead>
            <TableRow>
              <TableCell>Level</TableCell>
              <TableCell align="right">Current plan</TableCell>
              <TableCell align="right">Proposal</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {LEVELS.map((level) => (
              <TableRow key={level.key}>
                <TableCell>
                  {level.label}
                  <Typography variant="caption" color="text.secondary" component="span">
                    {' '}
                    ({level.meaning})
                  </Typography>
                </TableCell>
                <TableCell align="right">{before ? formatScoreLevel(before[level.key]) : '…'}</TableCell>
                <TableCell align="right">{after ? formatScoreLevel(after[level.key]) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {before && after && (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="score-verdict">
          {verdict(before, after)}
        </Typography>
      )}
    </Box>
  );
}
