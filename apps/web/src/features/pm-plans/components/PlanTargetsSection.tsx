import type { PmPlan } from '@msched/contracts';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { Section } from '@/components/ui/Section';
import { formatDate } from '@/lib/format';
import { EquipmentName } from './EquipmentName';

/**
 * Whether the plan waits for its work order to be finished before the next one (a FLOATING
 * calendar, a meter condition): only then does the server keep a target's open work order.
 */
export const waitsForCompletion = (plan: PmPlan) =>
  plan.calendar?.mode === 'FLOATING' || plan.meter?.above !== undefined || plan.meter?.below !== undefined;

/**
 * Where the plan stands on each piece of equipment: next due, last made, last done, and, for a
 * plan that waits for completions, the work order it waits for. Other plans leave their work
 * orders open side by side, which the target does not record, so nothing is said about them.
 */
export function PlanTargetsSection({ plan }: { plan: PmPlan }) {
  const waits = waitsForCompletion(plan);
  return (
    <Section title="Equipment and next due dates">
      <TableContainer>
        <Table size="small" aria-label="Equipment and next due dates">
          <TableHead>
            <TableRow>
              <TableCell>Equipment</TableCell>
              <TableCell>Next due</TableCell>
              <TableCell sx={phoneHidden}>Last generated</TableCell>
              <TableCell sx={phoneHidden}>Last completed</TableCell>
              {waits && <TableCell>Waiting for</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.targets.map((target) => (
              <TableRow key={target.equipmentId}>
                <TableCell>
                  <EquipmentName id={target.equipmentId} />
                </TableCell>
                <TableCell>{target.nextDueAt ? formatDate(target.nextDueAt) : plan.meter ? 'When the meter says' : '—'}</TableCell>
                <TableCell sx={phoneHidden}>{formatDate(target.lastGeneratedAt)}</TableCell>
                <TableCell sx={phoneHidden}>{formatDate(target.lastCompletedAt)}</TableCell>
                {waits && (
                  <TableCell>
                    {target.openWorkOrderId ? (
                      <Link component={RouterLink} to={`/work-orders/${target.openWorkOrderId}`}>
                        Open work order
                      </Link>
                    ) : (
                      'Nothing'
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Section>
  );
}
