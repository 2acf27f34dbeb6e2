import type { ConstraintTotal, WorkOrder } from '@msched/contracts';
import { Box, Button, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { humanize } from '@/lib/format';
import { constraintName } from '../utils/constraint-names';
import { formatScoreLevel } from '../utils/plan-diff';

const LEVEL_ORDER = { hard: 0, medium: 1, soft: 2 } as const;

interface Props {
  analysis: readonly ConstraintTotal[];
  current: ReadonlyMap<string, WorkOrder>;
}

/**
 * Where the proposal's score comes from: each constraint that costs something (hard first, the
 * largest first), its share of its level's score, and the work orders behind it on demand.
 */
export function ScoreAnalysis({ analysis, current }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const costing = analysis
    .filter((entry) => entry.total > 0)
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.total - a.total);
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        Where the score comes from
      </Typography>
      {costing.length === 0 ? (
        <Typography variant="body2">Nothing costs the proposal anything: every constraint is met.</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Score of the proposal by constraint">
            <TableHead>
              <TableRow>
                <TableCell>Constraint</TableCell>
                <TableCell>Level</TableCell>
                <TableCell align="right">Score</TableCell>
                <TableCell align="right">Work orders</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {costing.map((entry) => {
                const expanded = open === entry.constraint;
                const listId = `constraint-work-${entry.constraint}`;
                return (
                  <Fragment key={entry.constraint}>
                    <TableRow data-testid={`constraint-${entry.constraint}`}>
                      <TableCell>{constraintName(entry.constraint)}</TableCell>
                      <TableCell>{humanize(entry.level.toUpperCase())}</TableCell>
                      <TableCell align="right">{formatScoreLevel(-entry.total)}</TableCell>
                      <TableCell align="right">
                        {entry.workOrders.length > 0 ? (
                          <Button
                            size="small"
                            aria-expanded={expanded}
                            aria-controls={expanded ? listId : undefined}
                            aria-label={`${expanded ? 'Hide' : 'Show'} the ${entry.workOrders.length} work orders behind “${constraintName(entry.constraint)}”`}
                            onClick={() => setOpen(expanded ? null : entry.constraint)}
                          >
                            {entry.workOrders.length}
                          </Button>
                        ) : (
                          0
                        )}
                      </TableCell>
                    </TableRow>
                    {expanded && (
                      <TableRow>
                        <TableCell colSpan={4} sx={{ bgcolor: 'action.hover' }}>
                          <Box component="ul" id={listId} sx={{ m: 0, pl: 2.5 }}>
                            {entry.workOrders.map(({ workOrderId, penalty }) => {
                              const workOrder = current.get(workOrderId);
                              return (
                                <li key={workOrderId}>
                                  <Link component={RouterLink} to={`/work-orders/${workOrderId}`}>
                                    {workOrder?.workOrderNumber ?? 'Work order'}
                                  </Link>{' '}
                                  {workOrder?.title} · {formatScoreLevel(-penalty)}
                                </li>
                              );
                            })}
                          </Box>
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
