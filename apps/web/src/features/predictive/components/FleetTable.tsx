import type { FleetItem, FleetPage } from '@msched/contracts';
import { Link, TableCell, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { PagedTable } from '@/components/ui/PagedTable';
import { narrowHidden, phoneHidden } from '@/components/ui/responsive-cells';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { anomalyLevel, formatProbability, formatRul, predictiveWorkOrdersPath } from '../utils/health-format';
import { isStaff } from '@/lib/auth/permissions';
import { ConfidenceBadge } from './ConfidenceBadge';
import { RiskChip } from './RiskChip';
import { RulIntervalBar } from './RulIntervalBar';

interface Props {
  page: FleetPage;
  onPage: (page: number, limit: number) => void;
}

/** One page of the fleet in the server's order (risk, highest first); RUL bars share one scale so they compare. */
export function FleetTable({ page, onPage }: Props) {
  const scale = Math.max(...page.data.map((item) => item.rul?.upper ?? 0), 1) * 1.05;
  const firstRank = (page.page - 1) * page.limit + 1;
  // Staff open any work order; others only their own, which a predictive one rarely is (404).
  const opensWorkOrder = isStaff(useCurrentUser());
  return (
    <PagedTable
      label="Equipment ranked by risk"
      page={page}
      onPage={onPage}
      head={
        <>
          <TableCell sx={phoneHidden}>Rank</TableCell>
          <TableCell>Equipment</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell sx={phoneHidden}>Remaining life</TableCell>
          <TableCell sx={narrowHidden}>Failure probability</TableCell>
          <TableCell sx={narrowHidden}>Confidence</TableCell>
          <TableCell sx={narrowHidden}>Anomaly</TableCell>
          <TableCell sx={phoneHidden}>Work orders</TableCell>
        </>
      }
    >
      {page.data.map((item, index) => (
        <TableRow key={item.equipmentId} hover data-testid="fleet-row">
          <TableCell sx={phoneHidden}>{firstRank + index}</TableCell>
          <TableCell sx={{ minWidth: { sm: 160 } }}>
            <Link component={RouterLink} to={`/predictive/equipment/${item.equipmentId}`}>
              {item.equipment.equipmentNumber} · {item.equipment.name}
            </Link>
            <Typography variant="body2" color="text.secondary">
              {item.equipment.type} · criticality {item.equipment.criticality}
            </Typography>
          </TableCell>
          <TableCell>
            <RiskChip risk={item.risk} />
          </TableCell>
          <TableCell sx={phoneHidden}>
            {item.rul ? (
              <>
                <Typography variant="body2">{formatRul(item.rul)}</Typography>
                <RulIntervalBar rul={item.rul} max={scale} compact />
              </>
            ) : (
              '—'
            )}
          </TableCell>
          <TableCell sx={{ ...narrowHidden, whiteSpace: 'nowrap' }}>
            {item.failureProbability
              ? `${formatProbability(item.failureProbability.probability)} in ${item.failureProbability.horizonDays} d`
              : '—'}
          </TableCell>
          <TableCell sx={narrowHidden}>
            <ConfidenceBadge confidence={item.confidence} compact />
          </TableCell>
          <TableCell sx={narrowHidden}>
            {item.anomalyScore === null ? '—' : `${Math.round(item.anomalyScore)} · ${anomalyLevel(item.anomalyScore).label}`}
          </TableCell>
          <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>
            <WorkOrdersLink item={item} opensWorkOrder={opensWorkOrder} />
          </TableCell>
        </TableRow>
      ))}
    </PagedTable>
  );
}

/** Staff open the predictive work order; others only learn there is one (its page would answer them 404). */
function WorkOrdersLink({ item, opensWorkOrder }: { item: FleetItem; opensWorkOrder: boolean }) {
  if (!item.predictiveWorkOrderId) {
    return (
      <Link component={RouterLink} to={predictiveWorkOrdersPath(item.equipmentId)} color="text.secondary">
        All of its work orders
      </Link>
    );
  }
  if (!opensWorkOrder) return <Typography variant="body2">Predictive work order open</Typography>;
  return (
    <Link component={RouterLink} to={`/work-orders/${item.predictiveWorkOrderId}`}>
      Predictive work order
    </Link>
  );
}
