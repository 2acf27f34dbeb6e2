import type { PmPlan } from '@msched/contracts';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { Section } from '@/components/ui/Section';
import { formatDate } from '@/lib/format';
import { EquipmentName } from './EquipmentName';

/** Where the plan stands on each piece of equipment: next due, last made, last done, the open work order. */
export function PlanTargetsSection({ plan }: { plan: PmPlan }) {
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
              <TableCell>Open work order</TableCell>
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
                <TableCell>
                  {target.openWorkOrderId ? (
                    <Link component={RouterLink} to={`/work-orders/${target.openWorkOrderId}`}>
                      View work order
                    </Link>
                  ) : (
                    'None'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Section>
  );
}
