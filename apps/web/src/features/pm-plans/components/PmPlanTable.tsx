import type { Paged, PmPlan } from '@msched/contracts';
import { Link, TableCell, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { PagedTable } from '@/components/ui/PagedTable';
import { narrowHidden, phoneHidden } from '@/components/ui/responsive-cells';
import { formatDate } from '@/lib/format';
import { describeCalendar } from '../utils/trigger-summary';
import { EquipmentName } from './EquipmentName';
import { MeterTriggerText } from './MeterTriggerText';
import { PlanRowActions } from './PlanRowActions';
import { PmPlanStatusChip } from './PmPlanStatusChip';

interface Props {
  page: Paged<PmPlan>;
  canWrite: boolean;
  onPage: (page: number, limit: number) => void;
  /** A plan was deleted from the row at `index` (the list then moves the focus on). */
  onDeleted?: (id: string, index: number) => void;
}

/** The soonest calendar due date over the plan's equipment. */
export const nextDueOf = (plan: PmPlan) =>
  plan.targets
    .map((target) => target.nextDueAt)
    .filter((due): due is string => due !== null)
    .sort()[0] ?? null;

function Triggers({ plan }: { plan: PmPlan }) {
  return (
    <>
      {plan.calendar && <Typography variant="body2">{describeCalendar(plan.calendar)}</Typography>}
      {plan.meter && (
        <Typography variant="body2">
          <MeterTriggerText meter={plan.meter} />
        </Typography>
      )}
    </>
  );
}

/** One page of plans; paging is asked of the server. */
export function PmPlanTable({ page, canWrite, onPage, onDeleted }: Props) {
  return (
    <PagedTable
      label="PM plans"
      page={page}
      onPage={onPage}
      head={
        <>
          <TableCell>Plan</TableCell>
          <TableCell sx={narrowHidden}>Triggers</TableCell>
          <TableCell sx={phoneHidden}>Equipment</TableCell>
          <TableCell sx={phoneHidden}>Next due</TableCell>
          <TableCell>Status</TableCell>
          {canWrite && <TableCell align="right">Actions</TableCell>}
        </>
      }
    >
      {page.data.map((plan, index) => (
        <TableRow key={plan.id} hover data-testid="pm-plan-row">
          <TableCell sx={{ minWidth: { sm: 180 } }}>
            <Link component={RouterLink} to={`/pm-plans/${plan.id}`}>
              {plan.name}
            </Link>
            <Typography variant="body2" color="text.secondary" sx={{ display: { xs: 'none', sm: 'block' } }}>
              {plan.template.title}
            </Typography>
          </TableCell>
          <TableCell sx={narrowHidden}>
            <Triggers plan={plan} />
          </TableCell>
          <TableCell sx={phoneHidden}>
            {plan.equipmentIds[0] && <EquipmentName id={plan.equipmentIds[0]} />}
            {plan.equipmentIds.length > 1 && ` +${plan.equipmentIds.length - 1}`}
          </TableCell>
          <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>{formatDate(nextDueOf(plan))}</TableCell>
          <TableCell>
            <PmPlanStatusChip status={plan.status} />
          </TableCell>
          {canWrite && (
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              <PlanRowActions plan={plan} onDeleted={() => onDeleted?.(plan.id, index)} />
            </TableCell>
          )}
        </TableRow>
      ))}
    </PagedTable>
  );
}
